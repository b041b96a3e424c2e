import { PLATFORM_LIMITS, type PostLimit } from './channel-limits.js';
import type { Locate } from './load-knowledge.js';
import { composeReply, TONE_VARIABLES, tonesOn } from './reply-tone.js';
import { BUILTIN_VARIABLES, type Knowledge, type KnowledgeEntry } from './schema.js';

export interface KnowledgeFinding {
  level: 'error' | 'warning';
  message: string;
  /** Dotted path of the value concerned, e.g. entries.2.reply */
  path: string;
  line: number;
  column: number;
  /** Set when the YAML parser refused the text: nothing else could be checked. */
  unreadable?: true;
}

export interface CheckOptions {
  /** Post limits per channel (default: the platforms' own). */
  limits?: Record<string, PostLimit>;
  now?: Date;
  /** What the bot would do with a test case: an entry id, or "handoff". Without it test cases are not run. */
  runCase?: (text: string, channel: string) => Promise<string>;
  /** Fewer examples than this is a warning: the entry may not be recognised reliably. */
  minExamples?: number;
}

/** A handle as long as most real ones, to check that replies still fit once filled in. */
const TYPICAL_AUTHOR = '@a_fairly_long_handle';

/**
 * The mistakes marketing makes that a schema cannot see: replies too long for a channel once filled
 * in, unknown {{variables}}, windows already over, two live entries claiming the same phrasing,
 * entries with too few examples, and test cases the bot gets wrong.
 */
export async function checkKnowledge(knowledge: Knowledge, locate: Locate, options: CheckOptions = {}): Promise<KnowledgeFinding[]> {
  const limits = options.limits ?? PLATFORM_LIMITS;
  const now = options.now ?? new Date();
  const minExamples = options.minExamples ?? 3;
  const findings: KnowledgeFinding[] = [];
  const add = (level: KnowledgeFinding['level'], path: (string | number)[], message: string) =>
    findings.push({ level, message, path: path.join('.'), ...locate(path) });

  // The longest a script gets on a channel once filled in and put in that channel's tone(s).
  const longest = (script: string, vars: Record<string, string>, channel: string) => {
    const limit = limits[channel]!;
    return Math.max(
      ...tonesOn(knowledge, channel).map((tone) =>
        limit.measure(
          composeReply(script, { ...vars, author: TYPICAL_AUTHOR }, tone)
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      ),
    );
  };
  checkTones(knowledge, limits, add);
  for (const channel of Object.keys(limits)) {
    const length = longest(knowledge.acknowledgement, {}, channel);
    if (length > limits[channel]!.maxLength)
      add(
        'error',
        ['acknowledgement'],
        `acknowledgement is ${length} characters on ${channel} once filled in (limit ${limits[channel]!.maxLength}, its tone included): shorten it or the tone`,
      );
  }
  checkCourtesy(knowledge, limits, longest, add);

  knowledge.entries.forEach((entry, i) => {
    const at = ['entries', i];
    const known = new Set<string>([...BUILTIN_VARIABLES, ...Object.keys(entry.vars)]);
    for (const [variant, script] of scripts(entry)) {
      const where = typeof entry.reply === 'string' ? [...at, 'reply'] : [...at, 'reply', variant];
      for (const name of variables(script)) {
        if (!known.has(name))
          add(
            'error',
            where,
            `unknown variable {{${name}}}: set it under vars, or use one of ${[...known].map((v) => `{{${v}}}`).join(', ')}`,
          );
      }
      for (const channel of channelsOf(entry, variant, limits)) {
        const limit = limits[channel]!;
        const length = longest(script, { title: entry.title, ...entry.vars }, channel);
        if (length > limit.maxLength)
          add(
            'error',
            where,
            `reply is ${length} characters on ${channel} once filled in (limit ${limit.maxLength}, its tone included): shorten it or add a ${channel} variant`,
          );
      }
    }
    if (entry.window?.end && Date.parse(entry.window.end) <= now.getTime())
      add('warning', [...at, 'window', 'end'], `the window ended on ${entry.window.end}: this entry is never used`);
    if (entry.examples.length < minExamples) {
      add(
        'warning',
        [...at, 'examples'],
        `only ${entry.examples.length} example phrasing${entry.examples.length === 1 ? '' : 's'}: give at least ${minExamples} so customers' own wordings are recognised`,
      );
    }
  });

  // Two entries that can be live together must not claim the same phrasing.
  const claimed = new Map<string, number>();
  knowledge.entries.forEach((entry, i) => {
    entry.examples.forEach((example, j) => {
      const key = normalise(example);
      const other = claimed.get(key);
      if (other !== undefined && other !== i && canOverlap(knowledge.entries[other]!, entry, now)) {
        add(
          'error',
          ['entries', i, 'examples', j],
          `"${example}" is also an example of "${knowledge.entries[other]!.id}": the two entries can be active together, so the bot cannot tell them apart`,
        );
      } else if (other === undefined) claimed.set(key, i);
    });
  });

  if (options.runCase) {
    for (const [i, entry] of knowledge.entries.entries()) {
      for (const [j, test] of entry.tests.entries()) {
        const channel = test.channel ?? entry.channels?.find((c) => c !== 'all') ?? 'sandbox';
        const got = await options.runCase(test.text, channel);
        if (got !== test.expect)
          add(
            'error',
            ['entries', i, 'tests', j],
            `test case "${test.text}" on ${channel}: expected ${test.expect}, the bot would ${got === 'handoff' ? 'hand off' : `answer with ${got}`}`,
          );
      }
      // A negative example is a test case too: it must never be answered with its own entry.
      for (const [j, text] of entry.negative_examples.entries()) {
        const channel = entry.channels?.find((c) => c !== 'all') ?? 'sandbox';
        if ((await options.runCase(text, channel)) === entry.id)
          add(
            'error',
            ['entries', i, 'negative_examples', j],
            `negative example "${text}" would be answered with this entry: add examples that set it apart, or reword the reply's scope`,
          );
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A tone's texts may use {{author}} only; a key that is neither default, a platform's channel nor a handle is never used. */
function checkTones(
  knowledge: Knowledge,
  limits: Record<string, PostLimit>,
  add: (level: KnowledgeFinding['level'], path: (string | number)[], message: string) => void,
) {
  for (const [key, tone] of Object.entries(knowledge.tone)) {
    // A platform not turned on here yet is fine (the file is often ready before the channel is); a name no platform has is a typo.
    if (key !== 'default' && !key.startsWith('@') && !(key in limits) && !(key in PLATFORM_LIMITS))
      add(
        'warning',
        ['tone', key],
        `no channel is called "${key}" here (channels: ${Object.keys(limits).join(', ')}): this tone is never used`,
      );
    for (const part of ['opening', 'closing'] as const) {
      for (const name of variables(tone[part] ?? '')) {
        if (!(TONE_VARIABLES as readonly string[]).includes(name))
          add(
            'error',
            ['tone', key, part],
            `unknown variable {{${name}}} in a tone: a tone goes around every reply, so only ${TONE_VARIABLES.map((v) => `{{${v}}}`).join(', ')} can be used`,
          );
      }
    }
  }
}

/** The courtesy reply: {{author}} is its only variable, and each variant fits the channels it is posted on. */
function checkCourtesy(
  knowledge: Knowledge,
  limits: Record<string, PostLimit>,
  longest: (script: string, vars: Record<string, string>, channel: string) => number,
  add: (level: KnowledgeFinding['level'], path: (string | number)[], message: string) => void,
): void {
  const courtesy = knowledge.courtesy;
  if (courtesy === undefined) return;
  const variants: [string, string][] = typeof courtesy === 'string' ? [['default', courtesy]] : Object.entries(courtesy);
  for (const [variant, script] of variants) {
    const where = typeof courtesy === 'string' ? ['courtesy'] : ['courtesy', variant];
    for (const name of variables(script)) {
      if (name !== 'author') add('error', where, `unknown variable {{${name}}}: the courtesy reply may use {{author}} only`);
    }
    const channels =
      variant !== 'default' ? (variant in limits ? [variant] : []) : Object.keys(limits).filter((c) => !variants.some(([v]) => v === c));
    for (const channel of channels) {
      const length = longest(script, {}, channel);
      if (length > limits[channel]!.maxLength)
        add(
          'error',
          where,
          `courtesy is ${length} characters on ${channel} once filled in (limit ${limits[channel]!.maxLength}, its tone included): shorten it or add a ${channel} variant`,
        );
    }
  }
}

function scripts(entry: KnowledgeEntry): [string, string][] {
  return typeof entry.reply === 'string' ? [['default', entry.reply]] : Object.entries(entry.reply);
}

function variables(script: string): string[] {
  return [...script.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
}

/** The channels a script variant is posted on. */
function channelsOf(entry: KnowledgeEntry, variant: string, limits: Record<string, PostLimit>): string[] {
  const all = !entry.channels || entry.channels.includes('all') ? Object.keys(limits) : entry.channels.filter((c) => c in limits);
  if (variant !== 'default') return all.includes(variant) || variant in limits ? [variant] : [];
  const variants = typeof entry.reply === 'string' ? [] : Object.keys(entry.reply);
  return all.filter((c) => !variants.includes(c));
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether the two entries can be live at the same time from now on, on some channel. */
function canOverlap(a: KnowledgeEntry, b: KnowledgeEntry, now: Date): boolean {
  const start = Math.max(
    now.getTime(),
    Date.parse(a.window?.start ?? '1970-01-01T00:00:00Z'),
    Date.parse(b.window?.start ?? '1970-01-01T00:00:00Z'),
  );
  const end = Math.min(Date.parse(a.window?.end ?? '9999-12-31T00:00:00Z'), Date.parse(b.window?.end ?? '9999-12-31T00:00:00Z'));
  if (start >= end) return false;
  const channels = (e: KnowledgeEntry) => (!e.channels || e.channels.includes('all') ? undefined : new Set(e.channels));
  const ca = channels(a);
  const cb = channels(b);
  return !ca || !cb || [...ca].some((c) => cb.has(c));
}
