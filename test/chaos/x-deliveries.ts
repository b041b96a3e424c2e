import { createHmac } from 'node:crypto';

/** The brand account on the stand-in X. */
export const X_BRAND_ID = '1600000000000000001';
export const X_SECRET = 'chaos-consumer-secret';

/** Settings that point the X channel (webhook mode) at a stand-in API. */
export const xChannelEnv = (apiUrl: string): Record<string, string> => ({
  X_CONSUMER_SECRET: X_SECRET,
  X_ACCESS_TOKEN: 'chaos-user-token',
  X_USER_ID: X_BRAND_ID,
  X_API_URL: apiUrl,
});

const TEXTS = [
  '@acme my parcel is two weeks late',
  '@acme why was I charged twice for one order?',
  '@acme the app is down again',
  '@acme where is my parcel?',
];

/**
 * Account Activity delivery of mention `n` (its own author, so the per-author cap never applies, with
 * a screen name X could send: at most 15 characters), signed as X signs it.
 */
export function xMentionDelivery(n: number, runId = 0): { tweetId: string; body: string; headers: Record<string, string> } {
  const tweetId = String(1_861_000_000_000_000_000n + BigInt(runId) * 1_000_000n + BigInt(n));
  const body = JSON.stringify({
    for_user_id: X_BRAND_ID,
    tweet_create_events: [
      {
        id_str: tweetId,
        created_at: new Date().toUTCString(),
        text: `${TEXTS[n % TEXTS.length]} (#${n})`,
        in_reply_to_status_id_str: null,
        user: { id_str: String(1_500_000_000_000_000_000n + BigInt(n)), screen_name: `c${runId.toString(36)}_${n.toString(36)}` },
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}`;
  return { tweetId, body, headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature } };
}

/** Delivers to /webhooks/x; the status, or 0 when the service did not answer (X delivers again later). */
export async function deliverX(serviceUrl: string, delivery: { body: string; headers: Record<string, string> }): Promise<number> {
  try {
    const res = await fetch(`${serviceUrl}/webhooks/x`, { method: 'POST', headers: delivery.headers, body: delivery.body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
