import { z } from 'zod';
import { TEXT_LIMIT } from '../../config/knowledge/yaml-limits.js';
import { errorSchema } from '../../shared/http-errors.js';

/** The knowledge editor API's schemas (validation, handler types and the OpenAPI document). */
export const finding = z.object({
  level: z.enum(['error', 'warning']).optional(),
  message: z.string(),
  path: z.string().optional(),
  line: z.number().int(),
  column: z.number().int(),
});
const findings = z.array(finding);

export const checked = z.object({ ok: z.boolean(), errors: findings, warnings: findings });
/** A refused version: the error shape and its problems, each at its line and column. */
export const rejection = errorSchema.extend({ problems: findings });

const summary = z.object({
  added: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
  general: z.array(z.string()),
});
export const versionInfo = z.object({
  version: z.number().int(),
  sha256: z.string(),
  author: z.string(),
  at: z.string(),
  message: z.string(),
  summary,
});

export const status = z.object({
  file: z.string(),
  version: z.number().int().describe('counts the versions this instance put live since it started'),
  sha256: z.string(),
  loadedAt: z.string(),
  entries: z.number().int(),
  warnings: findings,
  lastError: z.object({ at: z.string(), source: z.enum(['file', 'publish']), message: z.string(), problems: findings }).optional(),
});

export const published = z.object({ version: versionInfo, status, unchanged: z.boolean() });

const text = z.string().min(1).max(TEXT_LIMIT);
export const textBody = z.strictObject({ text });
const sha = z.string().regex(/^[0-9a-f]{64}$/);
/** The diff a publish was shown (POST /api/knowledge/diff): the sha256 of the draft and of the live text it compared. */
export const shownDiff = z.strictObject({ draft: sha, base: sha }).describe('from POST /api/knowledge/diff: the diff shown for this text');
export const publishBody = z.strictObject({ text, message: z.string().max(500).optional(), shown: shownDiff.optional() });
export const previewBody = z.strictObject({
  text: text.optional(),
  mention: z.string().min(1).max(10_000),
  channel: z.string().min(1).max(50),
});

const channelLimit = z.object({ maxLength: z.number().int(), weighted: z.boolean(), urlLength: z.number().int().nullable() });
export type ChannelLimit = z.infer<typeof channelLimit>;

export const liveFile = z.object({
  text: z.string(),
  version: versionInfo.nullable(),
  status,
  channels: z.array(z.string()),
  timezone: z.string().describe("the file's time zone (UTC when it names none): how the page shows windows"),
  limits: z.record(z.string(), channelLimit).describe('each channel: its post limit and how it counts (weighted as X, links as urlLength)'),
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string().optional(),
      window: z.object({ start: z.string().optional(), end: z.string().optional(), timezone: z.string().optional() }).nullable(),
      channels: z.array(z.string()).nullable(),
      activeOn: z.array(z.string()),
      active: z.boolean(),
    }),
  ),
});

export const previewed = z.object({
  decision: z.enum(['answered', 'handed_off', 'ignored', 'routed', 'no_reply']),
  reason: z.string(),
  why: z.string(),
  entryId: z.string().optional(),
  reply: z.object({ text: z.string(), kind: z.string() }).optional(),
  understanding: z.unknown().optional().describe('how the mention was understood: intent, confidence, sentiment, language...'),
  language: z.string().optional().describe('the language the mention was taken to be in (ISO 639-1): every reply is in it, or noted'),
  languageNote: z.string().optional().describe('why the acknowledgement is not in the mention language (the file has none in it)'),
});

// Path parameters arrive as text.
export const versionParams = z.object({ version: z.string().regex(/^[1-9][0-9]{0,8}$/) });
