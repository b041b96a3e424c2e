import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';

/** Settings of the review channels (Google Business Profile, App Store), read like the other channels'. */

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const seconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().trim().min(1).max(4096);

export const gbpSchema = z
  .object({
    /** The account (`accounts/{id}`) and its locations (`locations/{id}`), comma-separated: their reviews are read. */
    GBP_ACCOUNT_ID: z.string().regex(/^\d{1,30}$/, 'must be the numeric account id'),
    GBP_LOCATION_IDS: z
      .string()
      .regex(/^\d{1,30}(,\d{1,30}){0,49}$/, 'must be numeric location ids, comma-separated')
      .transform((s) => s.split(',')),
    /** OAuth client and a refresh token with the business.manage scope (the account's owner or manager). */
    GBP_CLIENT_ID: text,
    GBP_CLIENT_SECRET: text,
    GBP_REFRESH_TOKEN: text,
    GBP_POLL_INTERVAL_SECONDS: seconds(60, 86_400).default(300),
    GBP_API_URL: url.default('https://mybusiness.googleapis.com'),
    GBP_TOKEN_URL: url.default('https://oauth2.googleapis.com/token'),
    /**
     * Pub/Sub push (real-time review notifications beside the poll): the audience of the push
     * subscription's OIDC token (by default its endpoint URL) and the service account that signs it.
     */
    GBP_PUSH_AUDIENCE: z.string().trim().min(1).max(2000).optional(),
    GBP_PUSH_SERVICE_ACCOUNT: z.email().max(320).optional(),
    /** Where Google's token signing keys are read (cached): a test's stand-in, else Google's. */
    GBP_PUSH_JWKS_URL: url.default('https://www.googleapis.com/oauth2/v3/certs'),
  })
  .superRefine((s, ctx) => {
    // One without the other would leave push half set up: refused at start, naming the one missing.
    if (s.GBP_PUSH_AUDIENCE && !s.GBP_PUSH_SERVICE_ACCOUNT)
      ctx.addIssue({ code: 'custom', path: ['GBP_PUSH_SERVICE_ACCOUNT'], message: 'required with GBP_PUSH_AUDIENCE' });
    if (s.GBP_PUSH_SERVICE_ACCOUNT && !s.GBP_PUSH_AUDIENCE)
      ctx.addIssue({ code: 'custom', path: ['GBP_PUSH_AUDIENCE'], message: 'required with GBP_PUSH_SERVICE_ACCOUNT' });
  });

/** A PKCS#8 EC private key (the .p8 file); `\n` written as two characters is read as a line end. */
const p8Key = z
  .string()
  .max(10_000)
  .transform((s) => s.replace(/\\n/g, '\n').trim())
  .refine((pem) => {
    try {
      return createPrivateKey(pem).asymmetricKeyType === 'ec';
    } catch {
      return false;
    }
  }, 'must be the .p8 private key (PEM, EC)');

export const appStoreSchema = z.object({
  /** From App Store Connect > Users and Access > Integrations: the issuer id, the key id and its .p8 key. */
  // Apple's issuer ids are UUID-shaped without being RFC 4122 UUIDs (Apple's own example is not one).
  APP_STORE_ISSUER_ID: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be the issuer id (a UUID)'),
  APP_STORE_KEY_ID: z.string().regex(/^[A-Z0-9]{10}$/, 'must be the 10-character key id'),
  APP_STORE_PRIVATE_KEY: p8Key,
  /** The app's Apple id (digits, in App Information). */
  APP_STORE_APP_ID: z.string().regex(/^\d{1,20}$/, 'must be the numeric Apple id of the app'),
  /** A response's length limit (Apple's is 5,970 characters); lower it to keep responses short. */
  APP_STORE_MAX_LENGTH: seconds(100, 5970).default(5970),
  APP_STORE_POLL_INTERVAL_SECONDS: seconds(60, 86_400).default(600),
  APP_STORE_API_URL: url.default('https://api.appstoreconnect.apple.com'),
});

export type GbpSettings = z.infer<typeof gbpSchema>;
export type AppStoreSettings = z.infer<typeof appStoreSchema>;
