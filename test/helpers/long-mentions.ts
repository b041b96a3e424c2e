import { createHmac } from 'node:crypto';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time as X writes `created_at`: "Mon Nov 23 20:41:07 +0000 2026". */
export function xTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${time} +0000 ${d.getUTCFullYear()}`;
}

/**
 * A mention of `chars` characters: a short complaint, then one word of consonants to the end (the
 * Porter stemmer's worst case: its time grows with the square of a word's length).
 */
export function longMentionText(chars: number): string {
  const start = '@acme my parcel is two weeks late ';
  return start + 'bcdfghjklmnpqrstvwxz'.repeat(Math.ceil(chars / 20)).slice(0, Math.max(0, chars - start.length));
}

/**
 * One tweet in a signed Account Activity delivery (the bytes and their x-twitter-webhooks-signature).
 * Its author's screen name stays a valid X one (at most 15 characters) for n up to 99,999,999.
 */
export function signedTweetDelivery(opts: { secret: string; brandUserId: string; n: number; text: string }): {
  body: string;
  signature: string;
} {
  const id = String(1_870_000_000_000_000_000n + BigInt(opts.n));
  const body = JSON.stringify({
    for_user_id: opts.brandUserId,
    tweet_create_events: [
      {
        created_at: xTime(new Date()),
        id_str: id,
        text: opts.text,
        truncated: false,
        in_reply_to_status_id_str: null,
        in_reply_to_user_id_str: opts.brandUserId,
        user: { id_str: String(1_500_000_000_000_500_000n + BigInt(opts.n)), screen_name: `writer_${opts.n}`, name: 'Long Writer' },
        entities: { hashtags: [], urls: [], user_mentions: [], symbols: [] },
        lang: 'en',
      },
    ],
  });
  return { body, signature: `sha256=${createHmac('sha256', opts.secret).update(body).digest('base64')}` };
}
