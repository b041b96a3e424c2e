import type { Knowledge, Tone } from './schema.js';

/** The only variable a tone's opening and closing may use: they go around every reply, entry or not. */
export const TONE_VARIABLES = ['author'] as const;

/** Emoji and the joiners and selectors that build them up. */
const EMOJI =
  /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]\u{FE0F}?(\u200D[\p{Extended_Pictographic}]\u{FE0F}?)*|\u{FE0F}|\u20E3/gu;

const handleKey = (handle: string) => handle.toLowerCase().replace(/^@/, '');

/** The brand handles a tone is keyed by that the mention's text addresses, in the file's order. */
function addressedHandles(knowledge: Knowledge, mentionText: string): string[] {
  const words = new Set(handlesIn(mentionText).map((h) => h.toLowerCase()));
  return Object.keys(knowledge.tone).filter((key) => key.startsWith('@') && words.has(handleKey(key)));
}

/**
 * What follows each "@": its run of handle characters cut back to the last word character. The same
 * as matching /@([\w.@-]*\w)/g, whose backtracking is quadratic on a long run of "@" or dots.
 */
export function handlesIn(text: string): string[] {
  const handles: string[] = [];
  for (const m of text.matchAll(/@([\w.@-]+)/g)) {
    const run = m[1]!;
    let end = run.length;
    while (end > 0 && !/\w/.test(run[end - 1]!)) end--;
    if (end > 0) handles.push(run.slice(0, end));
  }
  return handles;
}

/**
 * The tone of one reply: `default`, then the channel's, then that of the brand handle the mention
 * addresses, each field of a later one winning.
 */
export function toneFor(knowledge: Knowledge, channel: string, mentionText: string): Tone {
  const handle = addressedHandles(knowledge, mentionText)[0];
  return { ...knowledge.tone.default, ...knowledge.tone[channel], ...(handle ? knowledge.tone[handle] : {}) };
}

/** Every tone a reply on this channel can get (the channel's own, and each brand handle's on it): for length checks. */
export function tonesOn(knowledge: Knowledge, channel: string): Tone[] {
  const base = { ...knowledge.tone.default, ...knowledge.tone[channel] };
  return [
    base,
    ...Object.entries(knowledge.tone)
      .filter(([key]) => key.startsWith('@'))
      .map(([, tone]) => ({ ...base, ...tone })),
  ];
}

/** Fills {{variables}}; unknown ones are left visible rather than guessed. */
function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-zA-Z_]\w*)\s*\}\}/g, (whole, name: string) => vars[name] ?? whole);
}

const withoutEmoji = (text: string) =>
  text
    .replace(EMOJI, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();

/**
 * The text posted: the tone's opening, the reply script and its closing, variables filled in.
 * Without emoji when the tone says so: the script, opening, closing and the entry's own values
 * lose theirs; the customer's handle is left as it is.
 */
export function composeReply(script: string, vars: Record<string, string>, tone: Tone): string {
  const template = [tone.opening, script, tone.closing]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  if (tone.emoji !== false) return fill(template, vars);
  const values = Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, name === 'author' ? value : withoutEmoji(value)]));
  return fill(withoutEmoji(template), values);
}
