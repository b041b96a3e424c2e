/**
 * Phrasings of the look-alikes lookalike-cues.ts finds by cue, for the background the entries compete with: praise, a state
 * reached, a courtesy, chatter about a product or a deal. Close to nearly any entry's topic, needing
 * nothing the entry's reply says.
 */
export const LOOKALIKE_PHRASES: Record<string, readonly string[]> = {
  praise: [
    'this is the best thing you have ever made',
    'obsessed with your new flavour',
    'love it, life is good',
    'your new update is amazing',
    'best deal of the year',
    'great job on the new release',
    'you made my day',
    'so good, ordering again tomorrow',
  ],
  state_reached: [
    'it finally arrived today',
    'got it, all sorted now',
    'works again, thank you',
    'never mind, it fixed itself',
    'all good now, no need to reply',
    'it came this morning, thanks',
    'problem solved after the restart',
    'found it, my mistake',
  ],
};
