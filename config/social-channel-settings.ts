import { z } from 'zod';

/**
 * Settings of the polling channels for business accounts (TikTok, LinkedIn), beside the others in
 * channel-settings.ts: each is on when one of its own variables is set.
 */

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().trim().min(1);

export const tiktokSchema = z.object({
  /** The TikTok business account's access token (TikTok API for Business, Accounts API). */
  TIKTOK_ACCESS_TOKEN: text,
  /** The account's `business_id`: the `open_id` of the token's authorisation. */
  TIKTOK_BUSINESS_ID: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be the business_id (open_id) of the account'),
  TIKTOK_POLL_INTERVAL_SECONDS: count(10, 3600).default(60),
  /** How many of the account's most recent videos are read for comments at each poll. */
  TIKTOK_RECENT_VIDEOS: count(1, 50).default(10),
  /** TikTok names no reset time when it throttles: replies and polls wait this long. */
  TIKTOK_RATE_LIMIT_WAIT_SECONDS: count(1, 3600).default(60),
  TIKTOK_API_URL: url.default('https://business-api.tiktok.com'),
});

export const linkedinSchema = z.object({
  /** A member's access token with r_organization_social and w_organization_social (Community Management API). */
  LINKEDIN_ACCESS_TOKEN: text,
  /** The organization's numeric id (urn:li:organization:<id>): comments are read on its posts and written as it. */
  LINKEDIN_ORGANIZATION_ID: z.string().regex(/^\d{1,20}$/, 'must be the numeric organization id'),
  /** The Marketing API version sent as the LinkedIn-Version header, YYYYMM. */
  LINKEDIN_VERSION: z
    .string()
    .regex(/^20\d{2}(0[1-9]|1[0-2])$/, 'must look like 202510 (YYYYMM)')
    .default('202510'),
  LINKEDIN_POLL_INTERVAL_SECONDS: count(10, 3600).default(120),
  /** How many of the organization's most recent posts are read for comments at each poll. */
  LINKEDIN_RECENT_POSTS: count(1, 50).default(10),
  /** A 429 from LinkedIn carries no reset time: replies and polls wait this long. */
  LINKEDIN_RATE_LIMIT_WAIT_SECONDS: count(1, 3600).default(300),
  LINKEDIN_API_URL: url.default('https://api.linkedin.com'),
});

export type TikTokSettings = z.infer<typeof tiktokSchema>;
export type LinkedInSettings = z.infer<typeof linkedinSchema>;
