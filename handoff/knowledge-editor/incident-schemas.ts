import { z } from 'zod';
import { TEXT_LIMIT } from '../../config/knowledge/yaml-limits.js';

/** The schemas of the new-incident, end-incident, calendar and answers-per-entry routes. */

// Marketing's words end up in a reply and the file: visible text on one line, no control characters.
const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'no control or invisible characters');

export const suggestBody = z.strictObject({ description: line(3, 500) });

export const suggested = z.object({
  keywords: z.array(z.string()),
  examples: z.array(
    z.object({ text: z.string(), mentionId: z.number().int(), channel: z.string(), receivedAt: z.number(), score: z.number() }),
  ),
  compared: z.number().int().describe('handed-off mentions of the last week compared with the description'),
});

export const draftBody = z.strictObject({
  text: z.string().min(1).max(TEXT_LIMIT).optional().describe('the draft to add the entry to (default: the live file)'),
  title: line(3, 120).describe('what is broken'),
  since: z.iso.datetime({ offset: true }).optional().describe('when it started (default: now)'),
  action: line(3, 280).describe('what customers should do: the body of the reply'),
  link: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
  keywords: z.array(line(2, 80)).max(20).default([]),
  examples: z.array(line(3, 300)).max(20).default([]),
});

export const drafted = z.object({
  text: z.string(),
  id: z.string(),
  start: z.string().describe('the window start written in the entry (ISO 8601, UTC)'),
});

export const entryParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-_]{0,99}$/) });
export const endBody = z.strictObject({ message: z.string().max(500).optional() });

export const calendarBody = z.strictObject({ text: z.string().min(1).max(TEXT_LIMIT).optional() });
export const calendar = z.object({
  timezone: z.string().describe("the file's time zone (UTC when it names none)"),
  now: z.string(),
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      channels: z.array(z.string()).nullable(),
    }),
  ),
});

const decided = z.object({
  id: z.number().int(),
  channel: z.string(),
  threadId: z.string(),
  author: z.string(),
  text: z.string(),
  decidedAt: z.number(),
});
export const answersQuery = z.object({ latest: z.coerce.number().int().min(0).max(20).default(3) });
export const answers = z.object({
  now: z.string(),
  complete: z.boolean().describe('false when more mentions arrived this week than one listing reads: the counts are at least these'),
  entries: z.array(
    z.object({
      entryId: z.string(),
      title: z.string().nullable(),
      kind: z.string().nullable(),
      inFile: z.boolean().describe('the live file still has this entry'),
      lastDay: z.number().int(),
      lastWeek: z.number().int(),
      latest: z.array(decided),
    }),
  ),
});
