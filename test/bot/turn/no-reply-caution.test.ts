import { describe, expect, it } from 'vitest';
import { decideTurn } from '../../../bot/turn/decide-turn.js';
import { noReplyReason } from '../../../bot/turn/no-reply.js';
import { deps, mention } from './no-reply-fixture.js';

const decide = async (text: string) => decideTurn(mention(text), await deps());

describe('issue 15 no_reply — settling words that settle nothing', () => {
  it.each([
    // negated
    '@acme I tried both of those and neither worked',
    '@acme that did not resolve the issue on my laptop',
    '@acme it stopped working again after the update',
    '@acme the export used to work fine before',
    // a purpose still to reach
    '@acme thanks, an engineer is coming out to fix it on Friday',
    '@acme I have to reinstall to make it work again every morning',
    // taken back by what follows, or limited in time
    '@acme restarting fixes it, but an hour later the app crashes',
    '@acme it was fixed previously but now the artist is missing',
    '@acme thanks, that worked for 2 days',
    '@acme closing the app temporarily fixes it',
  ])('handed off: "%s"', async (text) => {
    expect(await decide(text)).toMatchObject({ status: 'handed_off', handoff: true });
  });

  it.each([
    '@acme the chat agent fixed my issue, thanks so much',
    '@acme my billing problem has been taken care of, thank you',
    '@acme woah thank you, I did not expect a reply',
    "@acme can't thank you enough for the help",
    '@acme the reinstall seems to have worked, the error is gone, cheers',
  ])('settled, a problem told along: a courtesy: "%s"', async (text) => {
    expect(await decide(text)).toMatchObject({ status: 'no_reply', reason: 'courtesy' });
  });
});

describe('issue 15 no_reply — questions and requests without a question mark', () => {
  it.each([
    'I preordered the standard edition, can I move it to deluxe @acme',
    'is there a way to hide explicit songs @acme',
    '@acme thanks. do you ship to Norway',
    '@acme if you could call me back that would be great',
    '@acme reinstalled twice, any ideas would be appreciated :)',
    '@acme tell me if there is an outage in my town, that would be perfect',
    '@acme hi, I have the same inquiry about my plan. Thank you.',
  ])('handed off, talk about the brand included: "%s"', async (text) => {
    expect(await decide(text)).toMatchObject({ status: 'handed_off', handoff: true });
  });

  it('one part of a longer post waits for a person, settled words or not', async () => {
    expect(await decide('@acme Android 8, app 8.4, a restart fixed it for that one 1/2')).toMatchObject({ status: 'handed_off' });
    expect(await decide('@acme a restart fixed it for that one, thanks')).toMatchObject({ status: 'no_reply', reason: 'courtesy' });
  });
});

describe('issue 15 no_reply — what the topic model may and may not outweigh', () => {
  const thanks = { topic: 'thanks', intent: 'thanks', confidence: 0.95 };

  it('a confident thanks closes the matter only when it tells no problem', () => {
    expect(noReplyReason('@acme thank you so much, you rock', thanks)).toBe('courtesy');
    expect(noReplyReason('@acme thanks for the reply, but none of those apply to me', thanks)).toBeUndefined();
    expect(noReplyReason('@acme it did not. But I shall try again, thank you', thanks)).toBeUndefined();
  });

  it('numbers in talk about the brand are no details, unless the model reads a complaint', () => {
    const brand = { brandHandles: ['@acme'] };
    const chatter = { topic: 'thanks', intent: 'thanks', confidence: 0.5 };
    expect(noReplyReason('got two bowls for $3 at @acme today', chatter, brand)).toBe('chatter');
    const complaint = { topic: 'complaint', intent: 'complaint', confidence: 0.98 };
    expect(
      noReplyReason('every time I sell on @acme the payment is flagged and I relist. 7 days wasted', complaint, brand),
    ).toBeUndefined();
  });
});

describe('issue 15 no_reply — something handed to the agent', () => {
  it.each(['@acme thanks, here is the screenshot https://example.com/p.png', "@acme Here's the link: https://example.com/l, cheers"])(
    'handed off: "%s"',
    async (text) => {
      expect(await decide(text)).toMatchObject({ status: 'handed_off', handoff: true });
    },
  );
});

describe('issue 15 no_reply — a thanks spelt longer is the same thanks', () => {
  it.each(['@acme thank youuuu', '@acme Thankx', '@acme thanksss 🙏'])('a courtesy: "%s"', async (text) => {
    expect(await decide(text)).toMatchObject({ status: 'no_reply', reason: 'courtesy' });
  });
});

describe('issue 15 no_reply — the words are read in linear time', () => {
  // A budget no linear reading comes near even on a loaded machine; a quadratic one on these texts takes seconds.
  const GENEROUS_MS = 1500;

  it.each([
    ['a clause start before a long run of spaces', `.${' '.repeat(50_000)}x`],
    ['negations with nothing settled', 'not '.repeat(10_000)],
    ['purpose words without their verb', 'have to make it '.repeat(3_000)],
    ['contrasts after a settling word', `it works now ${'but '.repeat(10_000)}`],
  ])('%s', (_, text) => {
    const started = performance.now();
    noReplyReason(`@acme ${text}`, undefined, { brandHandles: ['@acme'] });
    expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
  });
});
