import twitterText from 'twitter-text';
import { countGraphemes } from '../../shared/graphemes.js';

/** How a platform counts a post and how long one may be. */
export interface PostLimit {
  maxLength: number;
  measure(text: string): number;
}

/**
 * The platforms' own limits, for checking reply scripts before they go live. A running service
 * uses its channels' limits instead (an instance may allow more than Mastodon's 500, say).
 */
export const PLATFORM_LIMITS: Record<string, PostLimit> = {
  x: { maxLength: 280, measure: (t) => twitterText.parseTweet(t).weightedLength },
  mastodon: { maxLength: 500, measure: countGraphemes },
  bluesky: { maxLength: 300, measure: countGraphemes },
  meta: { maxLength: 2200, measure: countGraphemes },
  botframework: { maxLength: 4000, measure: countGraphemes },
  sandbox: { maxLength: 500, measure: countGraphemes },
};
