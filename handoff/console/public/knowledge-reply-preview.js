import { measure } from './count-characters.js';

// A reply as each channel will post it, its length as that platform counts it and the limit, before
// any Check: the same tone around it and the same long handle for {{author}} as the Check uses.

/** The platforms' limits as config/knowledge/channel-limits.ts counts them for the Check (a test keeps them equal). */
export const CHANNEL_LIMITS = {
  x: { maxLength: 280, weighted: true, urlLength: 23 },
  mastodon: { maxLength: 500, weighted: false, urlLength: null },
  bluesky: { maxLength: 300, weighted: false, urlLength: null },
  meta: { maxLength: 2200, weighted: false, urlLength: null },
  botframework: { maxLength: 4000, weighted: false, urlLength: null },
  sandbox: { maxLength: 500, weighted: false, urlLength: null },
};

/** As long as most real handles: what the Check fills {{author}} with. */
export const TYPICAL_AUTHOR = '@a_fairly_long_handle';

const fill = (template, vars) => template.replace(/\{\{\s*([a-zA-Z_]\w*)\s*\}\}/g, (whole, name) => vars[name] ?? whole);

/** The script an entry posts on a channel: its variant there, else the default. */
export function scriptFor(reply, channel) {
  if (typeof reply === 'string') return reply;
  if (!reply || typeof reply !== 'object') return '';
  return reply[channel] ?? reply.default ?? '';
}

/**
 * The entry's reply on each channel it answers on: the text as posted (the channel's tone around
 * it, variables filled), its length and the channel's limit. `tone` is the file's top-level tone map;
 * `serviceLimits` the service's own limits per channel (GET /api/knowledge), else the platforms'.
 */
export function replyPreviews(entry, channels, tone = {}, serviceLimits = {}) {
  const on = entry.channels?.length && !entry.channels.includes('all') ? channels.filter((c) => entry.channels.includes(c)) : channels;
  return on.map((channel) => {
    const base = { ...(tone?.default ?? {}), ...(tone?.[channel] ?? {}) };
    // Every tone a reply can get there (the channel's, and each brand handle's on it): the longest counts.
    const tones = [base, ...Object.entries(tone ?? {}).flatMap(([key, t]) => (key.startsWith('@') ? [{ ...base, ...t }] : []))];
    const script = scriptFor(entry.reply, channel);
    const limits = serviceLimits[channel] ?? CHANNEL_LIMITS[channel] ?? { maxLength: 500, weighted: false, urlLength: null };
    const posted = tones.map((t) => {
      const text = compose(script, t, { title: entry.title ?? '', ...(entry.vars ?? {}), author: TYPICAL_AUTHOR });
      return { text, length: measure(text, limits) };
    });
    const longest = posted.reduce((a, b) => (b.length > a.length ? b : a));
    const variant = typeof entry.reply === 'object' && entry.reply !== null && channel in entry.reply;
    return { channel, ...longest, limit: limits.maxLength, over: longest.length > limits.maxLength, variant };
  });
}

function compose(script, tone, vars) {
  const template = [tone.opening, script, tone.closing]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean)
    .join(' ');
  return fill(template, vars).replace(/\s+/g, ' ').trim();
}
