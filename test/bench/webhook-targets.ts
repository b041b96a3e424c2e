import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GBP_ACCOUNT, GBP_AUDIENCE, GBP_LOCATION, GBP_PUSHER, pushToken, startGbpPlatform } from './gbp-bench-platform.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (platform: string, name: string) => readFileSync(path.join(root, 'test/fixtures', platform, `${name}.json`), 'utf8');

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * One webhook channel under load: the settings that switch it on (`platformUrl` is the loopback
 * stand-in that accepts every reply), its path, and `n` distinct signed deliveries. A new webhook
 * channel adds one entry to WEBHOOK_TARGETS; the benchmark measures each in turn.
 */
export interface WebhookTarget {
  name: string;
  path: string;
  env(platformUrl: string): Record<string, string>;
  deliveries(n: number, platformUrl: string): Delivery[];
  /** Platform calls one reply takes (Threads: a container, then its publish); default 1. */
  callsPerReply?: number;
  /** Its own stand-in platform, when the shared one cannot serve it (keys, reads): `platformUrl` is then its URL. */
  platform?: () => Promise<{ url: string; replies: () => number; close: () => Promise<void> }>;
}

const X_SECRET = 'bench-consumer-secret';
const META_SECRET = 'bench-app-secret';
const THREADS_SECRET = 'bench-threads-secret';

const x: WebhookTarget = {
  name: 'x',
  path: '/webhooks/x',
  env: (platformUrl) => ({
    X_USER_ID: '1600000000000000001',
    X_ACCESS_TOKEN: 'bench-user-token',
    X_CONSUMER_SECRET: X_SECRET,
    X_API_URL: platformUrl,
  }),
  deliveries(n) {
    const template = fixture('x', 'tweet-create-mention');
    return Array.from({ length: n }, (_, i) => {
      const body = template
        .replaceAll('1860000000000000101', String(1_860_000_000_000_100_000n + BigInt(i)))
        .replaceAll('1500000000000000042', String(1_500_000_000_000_100_000n + BigInt(i)))
        .replaceAll('"ann_example"', `"customer_${i}"`);
      return {
        body,
        headers: { 'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', X_SECRET).update(body).digest('base64')}` },
      };
    });
  },
};

const meta: WebhookTarget = {
  name: 'meta',
  path: '/webhooks/meta',
  env: (platformUrl) => ({
    META_APP_SECRET: META_SECRET,
    META_VERIFY_TOKEN: 'bench-verify',
    META_PAGE_ACCESS_TOKEN: 'bench-page-token',
    META_GRAPH_URL: platformUrl,
  }),
  deliveries(n) {
    const template = fixture('meta', 'page-feed-comment');
    return Array.from({ length: n }, (_, i) => {
      const body = template
        .replaceAll('880000000000001', String(880_000_000_100_000 + i))
        .replaceAll('7100000000000042', String(7_100_000_000_100_000 + i))
        .replaceAll('Ann Example', `Customer ${i}`);
      return { body, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(body).digest('hex')}` } };
    });
  },
};

/** Bot Framework without an app id (the Emulator's way): no token to check, a loopback serviceUrl for the replies. */
const botframework: WebhookTarget = {
  name: 'botframework',
  path: '/api/messages',
  env: () => ({ BOTFRAMEWORK_ENABLED: 'true' }),
  deliveries(n, platformUrl) {
    const template = JSON.parse(fixture('botframework', 'message-activity')) as Record<string, any>;
    return Array.from({ length: n }, (_, i) => {
      const activity = {
        ...template,
        id: `bench-activity-${i}`,
        serviceUrl: platformUrl,
        from: { ...template.from, id: `bench-user-${i}`, name: `Customer ${i}` },
        conversation: { id: `bench-conversation-${i}` },
      };
      return { body: JSON.stringify(activity), headers: {} };
    });
  },
};

const threads: WebhookTarget = {
  name: 'threads',
  path: '/webhooks/threads',
  callsPerReply: 2,
  env: (platformUrl) => ({
    THREADS_USER_ID: '17841400000000077',
    THREADS_USERNAME: 'acme',
    THREADS_ACCESS_TOKEN: 'bench-threads-token',
    THREADS_APP_SECRET: THREADS_SECRET,
    THREADS_VERIFY_TOKEN: 'bench-verify',
    THREADS_RECONCILE_MINUTES: '0',
    THREADS_API_URL: platformUrl,
  }),
  deliveries(n) {
    const template = fixture('threads', 'replies-webhook');
    return Array.from({ length: n }, (_, i) => {
      // Ids past 2^53: BigInt, or they repeat and the deliveries are deduplicated.
      const body = template
        .replaceAll('18050000000000101', String(18_050_000_000_100_000n + BigInt(i)))
        .replaceAll('"ann.example"', `"customer.${i}"`);
      return { body, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', THREADS_SECRET).update(body).digest('hex')}` } };
    });
  },
};

/**
 * Google Business Profile by Pub/Sub push: each delivery carries a valid OIDC token (signed with the
 * bench's key, served by its stand-in as Google's JWKS) and names a distinct review, which the route
 * reads from the stand-in before answering: a new mention each.
 */
const gbp: WebhookTarget = {
  name: 'gbp',
  path: '/webhooks/gbp',
  platform: startGbpPlatform,
  env: (platformUrl) => ({
    GBP_ACCOUNT_ID: GBP_ACCOUNT,
    GBP_LOCATION_IDS: GBP_LOCATION,
    GBP_CLIENT_ID: 'bench-client.apps.googleusercontent.test',
    GBP_CLIENT_SECRET: 'bench-client-secret',
    GBP_REFRESH_TOKEN: 'bench-refresh-token',
    GBP_POLL_INTERVAL_SECONDS: '3600',
    GBP_API_URL: platformUrl,
    GBP_TOKEN_URL: `${platformUrl}/token`,
    GBP_PUSH_AUDIENCE: GBP_AUDIENCE,
    GBP_PUSH_SERVICE_ACCOUNT: GBP_PUSHER,
    GBP_PUSH_JWKS_URL: `${platformUrl}/jwks`,
  }),
  deliveries(n) {
    const template = JSON.parse(fixture('gbp', 'pubsub-push')) as { message: Record<string, unknown> };
    return Array.from({ length: n }, (_, i) => {
      const notice = {
        type: 'NEW_REVIEW',
        reviewName: `accounts/${GBP_ACCOUNT}/locations/${GBP_LOCATION}/reviews/benchReview${i}`,
        locationName: `accounts/${GBP_ACCOUNT}/locations/${GBP_LOCATION}`,
      };
      const messageId = String(3_000_000_000_000_000 + i);
      const body = {
        ...template,
        message: { ...template.message, data: Buffer.from(JSON.stringify(notice)).toString('base64'), messageId, message_id: messageId },
      };
      return { body: JSON.stringify(body), headers: { authorization: pushToken() } };
    });
  },
};

/** Every webhook channel the benchmark measures. */
export const WEBHOOK_TARGETS: WebhookTarget[] = [x, meta, threads, botframework, gbp];
