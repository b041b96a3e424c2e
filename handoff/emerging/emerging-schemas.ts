import { z } from 'zod';
import { textBody } from '../knowledge-editor/knowledge-schemas.js';

export const groupParams = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a group id') });

const entryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-_]*$/, 'an entry id')
  .max(120);

export const entryBody = z.strictObject({ entryId: entryId.describe('an entry of the live knowledge file, active now') });

export const groupSchema = z.object({
  id: z.string(),
  raisedAt: z.number().int(),
  size: z.number().int().describe('mentions in the group so far'),
  authors: z.number().int().describe('distinct customers among them'),
  words: z.array(z.string()).describe('the words that set the group apart'),
  samples: z.array(z.string()).describe('up to five texts, stripped of handles, links and personal data'),
  draftId: z.string(),
  draftYaml: z.string().describe("the drafted entry as one item of the knowledge file's entries list (its reply left empty)"),
  status: z.enum(['open', 'dismissed', 'answered']),
  entryId: z.string().nullable().describe('the live entry linked to it, or the drafted id once an entry of that id is live; null before'),
  entryTitle: z.string().nullable(),
  waiting: z.number().int().describe("the group's threads still waiting for a person"),
  threads: z.number().int().describe("the group's threads in all"),
});

export const groupsSchema = z.object({ groups: z.array(groupSchema) });

export const answeredSchema = z.object({
  answered: z.array(z.string()).describe('thread keys answered (one reply queued in each)'),
  skipped: z
    .array(z.object({ threadKey: z.string(), reason: z.string() }))
    .describe('threads not answered: claimed by a person, no longer waiting...'),
  remaining: z.number().int().describe("the group's threads still to answer after these: answered next, a page at a time"),
});

export const draftBody = z.strictObject({ text: textBody.shape.text.describe("the knowledge editor's text") });

export const draftedSchema = z.object({
  text: z.string(),
  id: z.string().describe("the drafted entry's id in the text (numbered when the text had it)"),
});
