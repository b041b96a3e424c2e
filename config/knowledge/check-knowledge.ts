import { PLATFORM_LIMITS, type PostLimit } from './channel-limits.js';
import type { Locate } from './load-knowledge.js';
import { checkCourtesy, variables } from './check-courtesy.js';
import { checkLanguageCoverage, placedScripts } from './check-languages.js';
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
/** An after-hours text's {{opens}} as long as most. */
const TYPICAL_OPENING = 'tomorrow at 09:00 (America/Los_Angeles)';

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
  // Every acknowledgement, in every language, and the after-hours ones with a typical opening time.
  const acks = [
    ...placedScripts(knowledge.acknowledgements, knowledge.per_language.includes('acknowledgement'), ['acknowledgement']),
    ...placedScripts(knowledge.after_hours, knowledge.per_language.includes('after_hours'), ['after_hours']),
  ];
  for (const ack of acks) {
    for (const channel of Object.keys(limits)) {
      const length = longest(ack.script, { opens: TYPICAL_OPENING }, channel);
      if (length > limits[channel]!.maxLength)
        add(
          'error',
          ack.path,
          `${ack.path[0] === 'after_hours' ? 'after-hours text' : 'acknowledgement'}${ack.language === knowledge.languages[0] ? '' : ` in ${ack.language}`} is ${length} characters on ${channel} once filled in (limit ${limits[channel]!.maxLength}, its tone included): shorten it or the tone`,
        );
    }
  }
  checkCourtesy(knowledge, limits, longest, add);
  checkLanguageCoverage(knowledge, minExamples, add);

  knowledge.entries.forEach((entry, i) => {
    const at = ['entries', i];
    const known = new Set<string>([...BUILTIN_VARIABLES, ...Object.keys(entry.vars)]);
    for (const { variant, script, path: where, language, variants } of placedScripts(entry.replies, entry.per_language.includes('reply'), [
      ...at,
      'reply',
    ])) {
      for (const name of variables(script)) {
        if (!known.has(name))
          add(
            'error',
            where,
            `unknown variable {{${name}}}: set it under vars, or use one of ${[...known].map((v) => `{{${v}}}`).join(', ')}`,
          );
      }
      const inLanguage = language === knowledge.languages[0] ? '' : ` in ${language}`;
      for (const channel of channelsOf(entry, variant, variants, limits)) {
        const limit = limits[channel]!;
        const length = longest(script, { title: entry.title, ...entry.vars }, channel);
        if (length > limit.maxLength)
          add(
            'error',
            where,
            `reply${inLanguage} is ${length} characters on ${channel} once filled in (limit ${limit.maxLength}, its tone included): shorten it or add a ${channel} variant`,
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

  // Two entries that can be live together must not claim the same phrasing (in the same language).
  const claimed = new Map<string, number>();
  knowledge.entries.forEach((entry, i) => {
    const lists: [string, string[]][] = [[knowledge.languages[0]!, entry.examples], ...Object.entries(entry.examples_in)];
    for (const [language, examples] of lists) {
      const at = entry.per_language.includes('examples') ? ['entries', i, 'examples', language] : ['entries', i, 'examples'];
      examples.forEach((example, j) => {
        const key = `${language}:${normalise(example)}`;
        const other = claimed.get(key);
        if (other !== undefined && other !== i && canOverlap(knowledge.entries[other]!, entry, now)) {
          add(
            'error',
            [...at, j],
            `"${example}" is also an example of "${knowledge.entries[other]!.id}": the two entries can be active together, so the bot cannot tell them apart`,
          );
        } else if (other === undefined) claimed.set(key, i);
      });
    }
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

/** The channels a script variant is posted on (`variants`: its language's variants). */
function channelsOf(entry: KnowledgeEntry, variant: string, variants: string[], limits: Record<string, PostLimit>): string[] {
  const all = !entry.channels || entry.channels.includes('all') ? Object.keys(limits) : entry.channels.filter((c) => c in limits);
  if (variant !== 'default') return all.includes(variant) || variant in limits ? [variant] : [];
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
