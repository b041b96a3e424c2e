import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Settings of the two Google channels, YouTube comments and Google Play reviews (read with the other
 * channels' in channel-settings.ts). Secrets are only carried here: nothing here is logged.
 */

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().trim().min(1).max(4096);

export const youtubeSchema = z.object({
  /** An OAuth client of the Google Cloud project with the YouTube Data API enabled. */
  YOUTUBE_CLIENT_ID: text,
  YOUTUBE_CLIENT_SECRET: text,
  /** A refresh token of the brand channel's owner for the youtube.force-ssl scope. */
  YOUTUBE_REFRESH_TOKEN: text,
  /** The brand channel's id (UC...): its comment threads are read and its own comments never answered. */
  YOUTUBE_CHANNEL_ID: z.string().regex(/^UC[A-Za-z0-9_-]{22}$/, 'must be a channel id: UC and 22 letters, digits, - or _'),
  /** The project's daily quota in units (YouTube grants 10,000 unless raised). */
  YOUTUBE_DAILY_QUOTA: count(100, 100_000_000).default(10_000),
  /** Each poll costs a unit per page read: every 5 minutes is under 300 units a day. */
  YOUTUBE_POLL_INTERVAL_SECONDS: count(30, 86_400).default(300),
  /** Characters per reply comment: YouTube takes 10,000; a shorter cap splits long replies into several. */
  YOUTUBE_MAX_LENGTH: count(100, 10_000).default(10_000),
  YOUTUBE_API_URL: url.default('https://www.googleapis.com'),
  YOUTUBE_TOKEN_URL: url.default('https://oauth2.googleapis.com/token'),
});

/** The parts of a service account key file the channel uses. */
export const serviceAccountKey = z.object({
  client_email: z.string().email().max(320),
  private_key: z.string().min(100).max(10_000).includes('PRIVATE KEY'),
  token_uri: z.url().max(2048).optional(),
});

const packageName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/, 'must be a package name like com.example.app');

export const googlePlaySchema = z.object({
  /** The service account's JSON key, inline... */
  GOOGLE_PLAY_SERVICE_ACCOUNT_JSON: z.string().max(20_000).optional(),
  /** ...or the path of its key file. */
  GOOGLE_PLAY_SERVICE_ACCOUNT_FILE: z.string().min(1).max(4096).optional(),
  /** The apps whose reviews are answered, comma-separated package names. */
  GOOGLE_PLAY_PACKAGES: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(packageName).min(1).max(20)),
  /** Replies Google Play takes per app per day. */
  GOOGLE_PLAY_DAILY_REPLIES: count(1, 1_000_000).default(2000),
  /** Google Play answers 200 review reads per app per hour: every 5 minutes stays well under. */
  GOOGLE_PLAY_POLL_INTERVAL_SECONDS: count(60, 86_400).default(300),
  GOOGLE_PLAY_API_URL: url.default('https://androidpublisher.googleapis.com'),
});

export type YouTubeSettings = z.infer<typeof youtubeSchema>;
export type GooglePlaySettings = z.infer<typeof googlePlaySchema> & { serviceAccount: z.infer<typeof serviceAccountKey> };

/** The service account key from inline JSON or its file, or the problem naming the setting (never the key). */
export function readServiceAccount(json: string | undefined, file: string | undefined): z.infer<typeof serviceAccountKey> | string {
  if (json && file) return 'GOOGLE_PLAY_SERVICE_ACCOUNT_JSON: set it or GOOGLE_PLAY_SERVICE_ACCOUNT_FILE, not both';
  const name = json ? 'GOOGLE_PLAY_SERVICE_ACCOUNT_JSON' : 'GOOGLE_PLAY_SERVICE_ACCOUNT_FILE';
  if (!json && !file) return 'GOOGLE_PLAY_SERVICE_ACCOUNT_JSON or GOOGLE_PLAY_SERVICE_ACCOUNT_FILE: required (the channel is on)';
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? readFileSync(file!, 'utf8'));
  } catch (err) {
    return `${name}: ${json ? 'is not JSON' : `cannot be read as a JSON key file (${(err as NodeJS.ErrnoException).code ?? 'not JSON'})`}`;
  }
  const parsed = serviceAccountKey.safeParse(raw);
  return parsed.success
    ? parsed.data
    : `${name}: not a service account key (${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')})`;
}
