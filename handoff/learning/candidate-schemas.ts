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
  warnings: z
    .array(z.enum(['vague', 'nearer_background', 'nearer_other_entry', 'look_alike']))
    .describe(
      'why accepting it may make the bot answer wrongly (handoff/learning/candidate-check.ts): too few words of its own, read by the live model as something no entry covers, as another entry, or as a look-alike of this one; empty for negative examples',
    ),
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
