import twitterText from 'twitter-text';

/** How a platform counts a post and how long one may be. */
export interface PostLimit {
  maxLength: number;
  measure(text: string): number;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string) => [...segmenter.segment(text)].length;

/**
 * The platforms' own limits, for checking reply scripts before they go live. A running service
 * uses its channels' limits instead (an instance may allow more than Mastodon's 500, say).
 */
export const PLATFORM_LIMITS: Record<string, PostLimit> = {
  x: { maxLength: 280, measure: (t) => twitterText.parseTweet(t).weightedLength },
  mastodon: { maxLength: 500, measure: graphemes },
  bluesky: { maxLength: 300, measure: graphemes },
  meta: { maxLength: 2200, measure: graphemes },
  botframework: { maxLength: 4000, measure: graphemes },
  sandbox: { maxLength: 500, measure: graphemes },
};
