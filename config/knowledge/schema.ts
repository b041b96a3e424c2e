import { z } from 'zod';
import { isIntentActive } from '../../intents/intent-examples.js';
import { isValidTimeZone, toInstant } from '../time-zone.js';

/**
 * The knowledge file: incidents and campaigns that marketing keeps up to date.
 * Parsed from YAML (or JSON) by load-knowledge.ts, which maps schema errors back to line and column.
 * Documented for its editors in docs/knowledge.md and in config/knowledge.yaml.
 */

/** Variables every reply may use; an entry adds its own under `vars`. */
export const BUILTIN_VARIABLES = ['author', 'title'] as const;

const timeText = z.union([z.string(), z.date().transform((d) => d.toISOString())]);

export const windowSchema = z
  .object({
    /** ISO 8601 with an offset, or a local date / date-time in `timezone`. */
    start: timeText.optional(),
    end: timeText.optional(),
    /** IANA zone for local times, e.g. Europe/Berlin (default: the file's `timezone`). */
    timezone: z.string().refine(isValidTimeZone, 'unknown time zone (use an IANA name such as Europe/Berlin)').optional(),
  })
  .strict();

/** One reply script, or a default plus variants for some channels. */
export const replySchema = z.union(
  [
    z.string().min(1),
    z
      .object({ default: z.string().min(1) })
      .catchall(z.string().min(1))
      .describe('default plus one script per channel name'),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'a reply is required: a text, or default: plus one text per channel'
        : 'expected a text, or default: plus one text per channel (each a text)',
  },
);

/** A mention text and what the bot must do with it: answer with this entry id, or "handoff". */
export const testCaseSchema = z
  .object({
    text: z.string().min(1),
    channel: z.string().min(1).optional(),
    expect: z.string().min(1),
  })
  .strict();

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
    /** Phrasings that look alike but must not be answered with this entry. */
    negative_examples: z.array(z.string().min(3)).default([]),
    /** Values for {{variables}} in the reply, e.g. eta, link. */
    vars: z.record(z.string().regex(/^[a-zA-Z_]\w*$/, 'variable names are letters, digits and _'), z.string()).default({}),
    reply: replySchema,
    tests: z.array(testCaseSchema).default([]),
  })
  .strict()
  .refine((e) => e.keywords.length + e.examples.length > 0, {
    message: 'an entry needs at least one keyword or example phrasing to be recognised',
    path: ['examples'],
  });

/**
 * How the brand sounds on one channel or from one handle: put around every reply there (answers and
 * the acknowledgement). `opening` and `closing` may use {{author}}; `emoji: false` takes emoji out
 * of everything marketing wrote (never out of the customer's handle).
 */
export const toneSchema = z
  .object({
    opening: z.string().optional(),
    closing: z.string().optional(),
    emoji: z.boolean().optional(),
  })
  .strict();

/** `default`, a channel name (x, mastodon...) or a brand handle (@acme_help, as mentioned in posts). */
export const toneKeySchema = z
  .string()
  .regex(/^(@[\w.@-]+|[a-z][a-z0-9_-]*)$/, 'a tone is keyed by default, a channel name (x, mastodon...) or a brand handle (@acme_help)');

export const knowledgeSchema = z
  .object({
    /** The file format's version, always 1: not the published version (history numbers those, never in the file). */
    version: z.literal(1),
    /** Default IANA zone for windows written in local time. */
    timezone: z.string().refine(isValidTimeZone, 'unknown time zone (use an IANA name such as Europe/Berlin)').optional(),
    /** Sent when the bot cannot answer and hands the thread to a person. */
    acknowledgement: z.string().min(1),
    /** Posted to a thanks or praise that needs nothing more (optional: without it such mentions get no reply). */
    courtesy: replySchema.optional(),
    /** Tone per channel or brand handle, applied around every reply: see toneSchema. */
    tone: z.record(toneKeySchema, toneSchema).default({}),
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
      const zone = e.window?.timezone ?? k.timezone;
      const bounds: Partial<Record<'start' | 'end', number>> = {};
      for (const edge of ['start', 'end'] as const) {
        const text = e.window?.[edge];
        if (text === undefined) continue;
        const t = toInstant(text, zone);
        if (t === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['entries', i, 'window', edge],
            message: zone
              ? "expected a date-time such as 2026-11-20T09:00:00Z or, in the window's time zone, 2026-11-20 09:00"
              : 'a local time needs a time zone: add an offset (2026-11-20T09:00:00+01:00) or set timezone',
          });
        } else bounds[edge] = t;
      }
      if (bounds.start !== undefined && bounds.end !== undefined && bounds.start >= bounds.end) {
        ctx.addIssue({ code: 'custom', message: 'window ends before it starts', path: ['entries', i, 'window', 'end'] });
      }
    });
  })
  // Windows become absolute instants once: everything downstream compares plain timestamps.
  .transform((k) => ({
    ...k,
    entries: k.entries.map((e) => {
      if (!e.window) return e;
      const zone = e.window.timezone ?? k.timezone;
      const at = (text?: string) => (text === undefined ? undefined : new Date(toInstant(text, zone)!).toISOString());
      return {
        ...e,
        window: {
          ...e.window,
          ...(e.window.start ? { start: at(e.window.start) } : {}),
          ...(e.window.end ? { end: at(e.window.end) } : {}),
        },
      };
    }),
  }));

export type KnowledgeEntry = z.infer<typeof entrySchema>;
export type Knowledge = z.output<typeof knowledgeSchema>;
export type Tone = z.infer<typeof toneSchema>;

/** An entry applies to a mention when its window is open and it covers the mention's channel. */
export function isEntryActive(entry: KnowledgeEntry, channel: string, at: Date): boolean {
  return isIntentActive(entry, channel, at);
}

/** The reply script for a channel: its own variant, else the default. */
export function replyScript(entry: KnowledgeEntry, channel: string): string {
  return typeof entry.reply === 'string' ? entry.reply : (entry.reply[channel] ?? entry.reply.default);
}

/** The courtesy reply for a channel (its variant, else the default), or undefined when the file has none. */
export function courtesyScript(knowledge: Knowledge, channel: string): string | undefined {
  const c = knowledge.courtesy;
  return c === undefined ? undefined : typeof c === 'string' ? c : (c[channel] ?? c.default);
}

/** The values an entry's reply is filled with for one mention. */
export function replyVariables(entry: KnowledgeEntry, author: string): Record<string, string> {
  return { title: entry.title, ...entry.vars, author };
}
