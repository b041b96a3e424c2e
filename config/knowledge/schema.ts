import { z } from 'zod';

/**
 * The knowledge file: incidents and campaigns that marketing keeps up to date.
 * Parsed from YAML (or JSON) by load-knowledge.ts, which maps schema errors back to line and column.
 */

const isoInstant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date-time such as 2026-11-20T09:00:00Z' });

export const windowSchema = z
  .object({
    start: isoInstant.optional(),
    end: isoInstant.optional(),
  })
  .strict()
  .refine((w) => !w.start || !w.end || Date.parse(w.start) < Date.parse(w.end), {
    message: 'window ends before it starts',
    path: ['end'],
  });

export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/, 'use lower-case letters, digits, - and _'),
    kind: z.enum(['incident', 'campaign']),
    title: z.string().min(1),
    window: windowSchema.optional(),
    /** Channel names, or omitted / ["all"] for every channel. */
    channels: z.array(z.string().min(1)).min(1).optional(),
    priority: z.number().int().min(0).max(100).default(50),
    keywords: z.array(z.string().min(2)).default([]),
    examples: z.array(z.string().min(3)).default([]),
    reply: z.string().min(1),
  })
  .strict()
  .refine((e) => e.keywords.length + e.examples.length > 0, {
    message: 'an entry needs at least one keyword or example phrasing to be recognised',
    path: ['examples'],
  });

export const knowledgeSchema = z
  .object({
    version: z.literal(1),
    /** Sent when the bot cannot answer and hands the thread to a person. */
    acknowledgement: z.string().min(1),
    entries: z.array(entrySchema),
  })
  .strict()
  .superRefine((k, ctx) => {
    const seen = new Map<string, number>();
    k.entries.forEach((e, i) => {
      const first = seen.get(e.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', message: `duplicate id "${e.id}" (first used by entry ${first + 1})`, path: ['entries', i, 'id'] });
      } else {
        seen.set(e.id, i);
      }
    });
  });

export type KnowledgeWindow = z.infer<typeof windowSchema>;
export type KnowledgeEntry = z.infer<typeof entrySchema>;
export type Knowledge = z.infer<typeof knowledgeSchema>;

/** An entry applies to a mention when its window is open and it covers the mention's channel. */
export function isEntryActive(entry: KnowledgeEntry, channel: string, at: Date): boolean {
  const t = at.getTime();
  if (entry.window?.start && t < Date.parse(entry.window.start)) return false;
  if (entry.window?.end && t >= Date.parse(entry.window.end)) return false;
  if (!entry.channels || entry.channels.includes('all')) return true;
  return entry.channels.includes(channel);
}
