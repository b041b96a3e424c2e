import { escapeAndFit } from './safe-text.js';
import type { TeamMessage } from './team-events.js';

/**
 * Slack incoming-webhook JSON: `text` (notifications, mrkdwn) and Block Kit `blocks`. Untrusted text
 * goes in plain_text objects (no bold, links or mentions parsed) with Slack's three control
 * characters escaped, and @channel/@here/@everyone broken with a word joiner in case it is parsed.
 */

export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Applied to the whole text before it is cut, since a mention spans several graphemes. */
function breakMentions(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

const slackText = (text: string, max: number) => escapeAndFit(text, slackEscape, max, breakMentions);
const plain = (text: string, max: number) => ({ type: 'plain_text', text: slackText(text, max), emoji: false });

export function slackPayload(message: TeamMessage): Record<string, unknown> {
  const blocks: unknown[] = [
    { type: 'header', text: plain(message.title, 150) },
    // At most 10 fields of 2000 characters each.
    { type: 'section', fields: message.facts.slice(0, 10).map((f) => plain(`${f.label}: ${f.value}`, 300)) },
  ];
  if (message.quote) blocks.push({ type: 'section', text: plain(message.quote, 1500) });
  if (message.link) {
    const links = [message.link, ...(message.moreLinks ?? [])].slice(0, 25);
    blocks.push({ type: 'actions', elements: links.map((l) => ({ type: 'button', text: plain(l.label, 75), url: l.url })) });
  }
  return {
    text: `${slackText(message.title, 150)} — ${slackText(message.summary, 200)}`,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}
