import { z } from 'zod';
import {
  googlePlaySchema,
  readServiceAccount,
  youtubeSchema,
  type GooglePlaySettings,
  type YouTubeSettings,
} from './google-channel-settings.js';
import { linkedinSchema, tiktokSchema, type LinkedInSettings, type TikTokSettings } from './social-channel-settings.js';
import { type AppStoreSettings, appStoreSchema, type GbpSettings, gbpSchema } from './review-channel-settings.js';
import { botframeworkSchema, type BotFrameworkSettings } from './botframework-settings.js';

export type { AppStoreSettings, BotFrameworkSettings, GbpSettings };

/**
 * Settings of the platform channels, read from the same environment as the service settings.
 * A channel is on when any of its own variables is set and off when none is; once on, every
 * variable it needs must be there, and the error names the ones that are missing or malformed.
 * Secrets are only ever carried in these objects: nothing here is logged.
 */

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const seconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().trim().min(1);

const xSchema = z.object({
  /** "webhook": Account Activity API pushes to /webhooks/x. "poll": read the mentions timeline. */
  X_MODE: z.enum(['webhook', 'poll']).default('webhook'),
  /** The brand account's numeric user id: its own tweets are never answered. */
  X_USER_ID: z.string().regex(/^\d+$/, 'must be the numeric user id'),
  /**
   * The brand account's user-context access token: posts the replies. With X_ACCESS_TOKEN_SECRET
   * it is an OAuth 1.0a token (does not expire; requests signed with the consumer key and secret);
   * alone it is an OAuth 2.0 user token (tweet.write), sent as a Bearer token.
   */
  X_ACCESS_TOKEN: text,
  X_ACCESS_TOKEN_SECRET: text.optional(),
  X_CONSUMER_KEY: text.optional(),
  /** App consumer secret: answers the CRC check, verifies webhook signatures, signs OAuth 1.0a. */
  X_CONSUMER_SECRET: text.optional(),
  /** App-only bearer token for reading the mentions timeline in poll mode (else the user credentials). */
  X_BEARER_TOKEN: text.optional(),
  X_POLL_INTERVAL_SECONDS: seconds(1, 3600).default(60),
  /** Webhook mode: minutes between reconciliation reads of the mentions timeline (0: off), for deliveries that never came. */
  X_RECONCILE_MINUTES: seconds(0, 1440).default(0),
  X_API_URL: url.default('https://api.x.com'),
});

const metaSchema = z.object({
  META_APP_SECRET: text,
  META_VERIFY_TOKEN: text,
  /** Page access token (pages_manage_engagement, instagram_manage_comments). */
  META_PAGE_ACCESS_TOKEN: text,
  /** The Page's id and the Instagram professional account's id: their own comments are skipped. */
  META_PAGE_ID: text.optional(),
  META_IG_USER_ID: text.optional(),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v23.0')
    .default('v23.0'),
  META_GRAPH_URL: url.default('https://graph.facebook.com'),
  /** Minutes between reads of the recent comments on the Page's posts and Instagram media (0: off), for deliveries that never came. */
  META_RECONCILE_MINUTES: seconds(0, 1440).default(0),
  /** How many recent posts (and Instagram media) each reconciliation read looks under. */
  META_RECONCILE_POSTS: seconds(1, 50).default(10),
});

const mastodonSchema = z.object({
  /** The brand account's instance, e.g. https://mastodon.social (also the API base URL). */
  MASTODON_URL: url,
  /** Access token with read:notifications and write:statuses. */
  MASTODON_TOKEN: text,
  MASTODON_POLL_INTERVAL_SECONDS: seconds(1, 3600).default(30),
});

const threadsSchema = z.object({
  /** "webhook": Threads Webhooks push `replies` and `mentions` to /webhooks/threads. "poll": read them. */
  THREADS_MODE: z.enum(['webhook', 'poll']).default('webhook'),
  /** The brand's Threads user id (numeric) and username: its own replies are never answered. */
  THREADS_USER_ID: z.string().regex(/^\d{1,30}$/, 'must be the numeric Threads user id'),
  THREADS_USERNAME: z.string().regex(/^[A-Za-z0-9._]{1,30}$/, 'must be the Threads username, without @'),
  /** Long-lived user token (threads_basic, threads_content_publish, threads_read_replies, threads_manage_replies). */
  THREADS_ACCESS_TOKEN: text,
  /** App secret: verifies X-Hub-Signature-256 on webhook deliveries (required in webhook mode). */
  THREADS_APP_SECRET: text.optional(),
  /** The verify token typed into the app dashboard's webhook subscription (required in webhook mode). */
  THREADS_VERIFY_TOKEN: text.optional(),
  THREADS_POLL_INTERVAL_SECONDS: seconds(5, 3600).default(60),
  /** Webhook mode: minutes between reconciliation polls for deliveries that never came (0: off). */
  THREADS_RECONCILE_MINUTES: seconds(0, 1440).default(15),
  /** How many of the brand's latest posts each poll reads the conversation of. */
  THREADS_POLL_POSTS: seconds(1, 50).default(10),
  /** Also poll `/mentions` (needs threads_manage_mentions). */
  THREADS_POLL_MENTIONS: z.enum(['true', 'false']).default('true'),
  THREADS_API_URL: url.default('https://graph.threads.net'),
  THREADS_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v1.0')
    .default('v1.0'),
});

const blueskySchema = z.object({
  BLUESKY_HANDLE: text,
  /** An app password (Settings > App passwords), never the account password. */
  BLUESKY_APP_PASSWORD: text,
  /** The account's PDS or entryway (also the base-URL override for tests). */
  BLUESKY_SERVICE: url.default('https://bsky.social'),
  BLUESKY_POLL_INTERVAL_SECONDS: seconds(1, 3600).default(30),
});

export type XSettings = z.infer<typeof xSchema>;
export type MetaSettings = z.infer<typeof metaSchema>;
export type MastodonSettings = z.infer<typeof mastodonSchema>;
export type ThreadsSettings = z.infer<typeof threadsSchema>;
export type BlueskySettings = z.infer<typeof blueskySchema>;
export type { LinkedInSettings, TikTokSettings };

export interface ChannelSettings {
  brandHandles: string[];
  x?: XSettings;
  meta?: MetaSettings;
  mastodon?: MastodonSettings;
  bluesky?: BlueskySettings;
  threads?: ThreadsSettings;
  gbp?: GbpSettings;
  appStore?: AppStoreSettings;
  botframework?: BotFrameworkSettings;
  youtube?: YouTubeSettings;
  googlePlay?: GooglePlaySettings;
  tiktok?: TikTokSettings;
  linkedin?: LinkedInSettings;
}

export class ChannelSettingsError extends Error {
  override name = 'ChannelSettingsError';
}

/** Reads every platform's settings from `env`; throws one error listing every bad variable. */
export function loadChannelSettings(env: NodeJS.ProcessEnv): ChannelSettings {
  const problems: string[] = [];
  const brandHandles = (env.BRAND_HANDLES ?? '@acme')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const result: ChannelSettings = { brandHandles };

  const x = section('X', xSchema, env, problems);
  if (x) {
    if (x.X_MODE === 'webhook' && !x.X_CONSUMER_SECRET) problems.push('  X_CONSUMER_SECRET: required when X_MODE is webhook (the default)');
    else if (x.X_ACCESS_TOKEN_SECRET && !(x.X_CONSUMER_KEY && x.X_CONSUMER_SECRET)) {
      problems.push('  X_CONSUMER_KEY: required with X_ACCESS_TOKEN_SECRET (OAuth 1.0a), as is X_CONSUMER_SECRET');
    } else result.x = x;
  }
  const meta = section('META', metaSchema, env, problems);
  if (meta?.META_RECONCILE_MINUTES && !meta.META_PAGE_ID && !meta.META_IG_USER_ID)
    problems.push('  META_PAGE_ID: required with META_RECONCILE_MINUTES (or META_IG_USER_ID): the reconciliation reads their posts');
  else if (meta) result.meta = meta;
  const mastodon = section('MASTODON', mastodonSchema, env, problems);
  if (mastodon) result.mastodon = mastodon;
  const bluesky = section('BLUESKY', blueskySchema, env, problems);
  if (bluesky) result.bluesky = bluesky;
  const threads = section('THREADS', threadsSchema, env, problems);
  if (threads) {
    const missing = ['THREADS_APP_SECRET', 'THREADS_VERIFY_TOKEN'].filter((k) => !threads[k as keyof ThreadsSettings]);
    if (threads.THREADS_MODE === 'webhook' && missing.length > 0)
      for (const k of missing) problems.push(`  ${k}: required when THREADS_MODE is webhook (the default)`);
    else result.threads = threads;
  }
  const gbp = section('GBP', gbpSchema, env, problems);
  if (gbp) result.gbp = gbp;
  const appStore = section('APP_STORE', appStoreSchema, env, problems);
  if (appStore) result.appStore = appStore;

  const tiktok = section('TIKTOK', tiktokSchema, env, problems);
  if (tiktok) result.tiktok = tiktok;
  const linkedin = section('LINKEDIN', linkedinSchema, env, problems);
  if (linkedin) result.linkedin = linkedin;

  const bf = section('BOTFRAMEWORK', botframeworkSchema, env, problems, [
    'MICROSOFT_APP_ID',
    'MICROSOFT_APP_PASSWORD',
    'MICROSOFT_APP_TENANT_ID',
  ]);
  if (bf) {
    const explicitlyOff = bf.BOTFRAMEWORK_ENABLED !== undefined && ['false', '0', 'no'].includes(bf.BOTFRAMEWORK_ENABLED);
    if (bf.MICROSOFT_APP_ID && bf.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !bf.MICROSOFT_APP_PASSWORD) {
      problems.push('  MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID');
    } else if (bf.MICROSOFT_APP_TYPE === 'SingleTenant' && !bf.MICROSOFT_APP_TENANT_ID) {
      problems.push('  MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant');
    } else if (!explicitlyOff && (bf.MICROSOFT_APP_ID || bf.BOTFRAMEWORK_ENABLED)) {
      result.botframework = { ...bf, authEnabled: Boolean(bf.MICROSOFT_APP_ID) };
    }
  }

  const youtube = section('YOUTUBE', youtubeSchema, env, problems);
  if (youtube) result.youtube = youtube;
  const play = section('GOOGLE_PLAY', googlePlaySchema, env, problems);
  if (play) {
    const key = readServiceAccount(play.GOOGLE_PLAY_SERVICE_ACCOUNT_JSON, play.GOOGLE_PLAY_SERVICE_ACCOUNT_FILE);
    if (typeof key === 'string') problems.push(`  ${key}`);
    else result.googlePlay = { ...play, serviceAccount: key };
  }

  if (problems.length > 0) throw new ChannelSettingsError(`Invalid channel settings:\n${problems.join('\n')}`);
  return result;
}

/**
 * Parses one platform's variables if any of them (prefix, or `extraKeys`) is set. Values are never
 * echoed in errors: most of these are secrets.
 */
function section<T extends z.ZodObject>(
  prefix: string,
  schema: T,
  env: NodeJS.ProcessEnv,
  problems: string[],
  extraKeys: string[] = [],
): z.infer<T> | undefined {
  const keys = Object.keys(schema.shape);
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const present = Object.keys(raw).filter((k) => k.startsWith(`${prefix}_`) || extraKeys.includes(k));
  if (present.length === 0) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? prefix);
    problems.push(
      `  ${key}: ${raw[key] === undefined ? `required (the channel is on because ${present.join(', ')} is set)` : issue.message}`,
    );
  }
  return undefined;
}
