import { escapeAndFit } from './safe-text.js';
import type { TeamMessage } from './team-events.js';

/**
 * Microsoft Teams incoming webhook (Workflows or the older connectors): a message with one Adaptive
 * Card attachment. Untrusted text goes only in TextRuns, which render no Markdown and no mentions;
 * `{{` is broken so the card's DATE()/TIME() functions cannot be triggered from it.
 */

/** Applied to the whole text before it is cut; TextRuns need no other escaping. */
function breakTemplates(text: string): string {
  return text.replace(/\{\{/g, '{\u2060{');
}

const teamsText = (text: string, max: number) => escapeAndFit(text, (s) => s, max, breakTemplates);
const run = (text: string, max: number, style: Record<string, unknown> = {}) => ({ type: 'TextRun', text: teamsText(text, max), ...style });

export function teamsPayload(message: TeamMessage): Record<string, unknown> {
  const body: unknown[] = [
    { type: 'RichTextBlock', inlines: [run(message.title, 150, { weight: 'Bolder', size: 'Medium' })] },
    ...message.facts.map((f) => ({ type: 'RichTextBlock', inlines: [run(`${f.label}: `, 50, { weight: 'Bolder' }), run(f.value, 300)] })),
  ];
  if (message.quote) body.push({ type: 'RichTextBlock', separator: true, inlines: [run(message.quote, 1500, { italic: true })] });
  const card: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    msteams: { width: 'Full' },
  };
  if (message.link)
    card.actions = [message.link, ...(message.moreLinks ?? [])].map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url }));
  return {
    type: 'message',
    summary: teamsText(message.summary, 200),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}
