import { z } from 'zod';

/** A candidate as editors see it: its text stripped of handles, links and personal data. */
export const candidateSchema = z.object({
  id: z.number().int(),
  entryId: z.string(),
  title: z.string().nullable().describe("the entry's title; null when the live file no longer has the entry"),
  kind: z.enum(['example', 'negative']),
  text: z.string(),
  agent: z.string(),
  at: z.number().int(),
});

export const candidatesSchema = z.object({ candidates: z.array(candidateSchema) });

const candidateId = z.number().int().positive();

export const acceptBody = z.strictObject({
  candidates: z
    .array(
      z.strictObject({
        id: candidateId,
        text: z.string().min(1).max(1000).regex(/\S/).describe('the text as the editor kept it (stripped again before it is added)'),
      }),
    )
    .min(1)
    .max(50),
});

export const rejectBody = z.strictObject({ ids: z.array(candidateId).min(1).max(200) });

export const settledSchema = z.object({ settled: z.array(z.number().int()) });
