/**
 * A post's text as a polled channel stores it: without C0 and C1 control characters (but tab and
 * line breaks), which no person typed and which would reach logs and the console as they are.
 */
export function withoutControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '');
}

/** The same, trimmed: a webhook's or a review's free text as a mention keeps it. */
export const cleanText = (text: string): string => withoutControls(text).trim();

/** Reads cut a reply's text differently from how it was sent (line breaks, spaces): compared without them. */
export const sameWords = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** Clocks differ between us and the platform: a reply listed this much before it was queued may still be ours. */
export const CLOCK_SLACK_MS = 60_000;
