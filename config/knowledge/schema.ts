import { z } from 'zod';
import { isIntentActive } from '../../intents/intent-examples.js';
import { isValidTimeZone, toInstant } from '../time-zone.js';
import { byLanguage, isPerLanguage, languageCodeSchema, perLanguage, undeclared, undeclaredMessage } from './languages.js';

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

export const rawEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/, 'use lower-case letters, digits, - and _'),
    kind: z.enum(['incident', 'campaign']),
    title: z.string().min(1),
    window: windowSchema.optional(),
    /** Channel names, or omitted / ["all"] for every channel. */
    channels: z.array(z.string().min(1)).min(1).optional(),
    priority: z.number().int().min(0).max(100).default(50),
    keywords: z.array(z.string().min(2)).default([]),
    /** How customers put it: a list (the default language's), or one list per language. */
    examples: perLanguage(z.array(z.string().min(3)), 'a list of phrasings').default([]),
    /** Phrasings that look alike but must not be answered with this entry. */
    negative_examples: z.array(z.string().min(3)).default([]),
    /** Values for {{variables}} in the reply, e.g. eta, link. */
    vars: z.record(z.string().regex(/^[a-zA-Z_]\w*$/, 'variable names are letters, digits and _'), z.string()).default({}),
    /** One reply (the default language's), or one per language; each a text or default: plus channels. */
    reply: perLanguage(
      replySchema,
      'a text, or default: plus one text per channel',
      'a reply is required: a text, or default: plus one text per channel',
    ),
    tests: z.array(testCaseSchema).default([]),
  })
  .strict()
  .refine((e) => e.keywords.length + Object.values(byLanguage(e.examples, '')).flat().length > 0, {
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
    /** The languages the bot answers in, the first the default (languages.ts; docs/knowledge.md, Languages). */
    languages: z.array(languageCodeSchema).min(1).default(['en']),
    /** Sent when the bot cannot answer and hands the thread to a person: one text, or one per language (any language). */
    acknowledgement: perLanguage(z.string().min(1), 'a text'),
    /** Sent instead outside business hours ({{opens}}: when a person answers); per language like the acknowledgement. */
    after_hours: perLanguage(z.string().min(1), 'a text').optional(),
    /** Posted to a thanks or praise that needs nothing more (optional: without it such mentions get no reply). */
    courtesy: perLanguage(replySchema, 'a text, or default: plus one text per channel').optional(),
    /** Tone per channel or brand handle, applied around every reply: see toneSchema. */
    tone: z.record(toneKeySchema, toneSchema).default({}),
    entries: z.array(rawEntrySchema),
  })
  .strict()
  .superRefine((k, ctx) => {
    const [main] = k.languages;
    k.languages.forEach((l, i) => {
      if (k.languages.indexOf(l) !== i) ctx.addIssue({ code: 'custom', message: `"${l}" is listed twice`, path: ['languages', i] });
    });
    if (!(main! in byLanguage(k.acknowledgement, main!)))
      ctx.addIssue({
        code: 'custom',
        message: `an acknowledgement in ${main} (the default language) is required`,
        path: ['acknowledgement'],
      });
    const seen = new Map<string, number>();
    k.entries.forEach((e, i) => {
      // An entry answers only in the languages the bot answers in; the default language's reply is what others fall back from.
      for (const field of ['examples', 'reply'] as const)
        for (const l of undeclared(byLanguage<unknown>(e[field], main!), k.languages))
          ctx.addIssue({ code: 'custom', message: undeclaredMessage(l, k.languages), path: ['entries', i, field, l] });
      if (!(main! in byLanguage<unknown>(e.reply, main!)))
        ctx.addIssue({ code: 'custom', message: `a reply in ${main} (the default language) is required`, path: ['entries', i, 'reply'] });
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
  // Windows become absolute instants once: everything downstream compares plain timestamps. Texts
  // given per language become maps; the plain fields keep the default language's, as before languages.
  .transform((k): Knowledge => {
    const main = k.languages[0]!;
    const acknowledgements = byLanguage(k.acknowledgement, main);
    const courtesies = byLanguage(k.courtesy, main);
    const { acknowledgement: _a, courtesy: _c, after_hours: afterHours, ...rest } = k;
    return {
      ...rest,
      acknowledgement: acknowledgements[main]!,
      acknowledgements,
      after_hours: byLanguage(afterHours, main),
      ...(courtesies[main] !== undefined ? { courtesy: courtesies[main] } : {}),
      courtesies,
      per_language: (['acknowledgement', 'after_hours', 'courtesy'] as const).filter((f) => isPerLanguage(k[f])),
      entries: k.entries.map((raw) => normaliseEntry(raw, main, k.timezone)),
    };
  });

export type Reply = z.infer<typeof replySchema>;
type RawEntry = z.output<typeof rawEntrySchema>;

/** The entry's texts per language (plain ones are `main`'s), its window as absolute instants. */
function normaliseEntry(raw: RawEntry, main: string, fileZone: string | undefined): KnowledgeEntry {
  const replies = byLanguage(raw.reply, main);
  const { [main]: examples = [], ...examplesIn } = byLanguage(raw.examples, main);
  const perLanguageFields = (['examples', 'reply'] as const).filter((f) => isPerLanguage(raw[f]));
  const e = { ...raw, examples, examples_in: examplesIn, reply: replies[main]!, replies, per_language: perLanguageFields };
  if (!e.window) return e;
  const zone = e.window.timezone ?? fileZone;
  const at = (text?: string) => (text === undefined ? undefined : new Date(toInstant(text, zone)!).toISOString());
  return {
    ...e,
    window: {
      ...e.window,
      ...(e.window.start ? { start: at(e.window.start) } : {}),
      ...(e.window.end ? { end: at(e.window.end) } : {}),
    },
  };
}

/** One entry on its own (tests, benchmarks): plain texts are English's. */
export const entrySchema = rawEntrySchema.transform((raw) => normaliseEntry(raw, 'en', undefined));

/** An entry as the service uses it: `examples` and `reply` are the default language's. */
export type KnowledgeEntry = Omit<RawEntry, 'examples' | 'reply'> & {
  examples: string[];
  /** Example phrasings per other language the file answers in. */
  examples_in: Record<string, string[]>;
  reply: Reply;
  /** The reply per language, the default language's included. */
  replies: Record<string, Reply>;
  /** The fields the file gives per language (`en: ..., es: ...`): where findings about them point. */
  per_language: ('examples' | 'reply')[];
};

/** The knowledge as the service uses it: plain fields hold the default language's texts, the maps every language's. */
export interface Knowledge {
  version: 1;
  timezone?: string | undefined;
  /** The languages the bot answers in; the first is the default. */
  languages: string[];
  acknowledgement: string;
  acknowledgements: Record<string, string>;
  after_hours: Record<string, string>;
  courtesy?: Reply;
  courtesies: Record<string, Reply>;
  /** The fields the file gives per language: where findings about them point. */
  per_language: ('acknowledgement' | 'after_hours' | 'courtesy')[];
  tone: Record<string, Tone>;
  entries: KnowledgeEntry[];
}
export type Tone = z.infer<typeof toneSchema>;

/** An entry applies to a mention when its window is open and it covers the mention's channel. */
export function isEntryActive(entry: KnowledgeEntry, channel: string, at: Date): boolean {
  return isIntentActive(entry, channel, at);
}

/** The values an entry's reply is filled with for one mention. */
export function replyVariables(entry: KnowledgeEntry, author: string): Record<string, string> {
  return { title: entry.title, ...entry.vars, author };
}
