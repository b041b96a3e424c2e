import { readFileSync } from 'node:fs';
import { exampleKnowledge } from '../../helpers/start-service.js';

const DAY = 86_400_000;
/** A local time in the file's zone, as marketing writes windows: 09:00 on the UTC date `ms` falls on. */
const local = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)} 09:00`;

/**
 * The example file in Paris time with three campaigns around `now`, written in local time: two that
 * overlap (days 2-6 and 5-12), a gap, and a third (days 15-20).
 */
export function campaignsKnowledge(now: number): string {
  const campaign = (id: string, title: string, from: number, to: number, words: string[]) =>
    [
      `  - id: ${id}`,
      '    kind: campaign',
      `    title: ${title}`,
      '    window:',
      `      start: ${local(now + from * DAY)}`,
      `      end: ${local(now + to * DAY)}`,
      `    keywords: [${words.join(', ')}]`,
      '    examples:',
      `      - is the ${words[0]} on yet`,
      `      - when does the ${words[0]} end`,
      `      - how do I get the ${words[0]} price`,
      `    reply: Hi {{author}}, the ${title} prices apply at checkout while it runs.`,
      '',
    ].join('\n');
  return `${readFileSync(exampleKnowledge, 'utf8')
    .replace(/^version: 1.*\n/m, '$&timezone: Europe/Paris\n')
    .trimEnd()}\n\n${campaign('cyber-week', 'Cyber week', 2, 6, ['cyber week', 'cyber deal'])}\n${campaign(
    'winter-sale',
    'Winter sale',
    5,
    12,
    ['winter sale', 'winter discount'],
  )}\n${campaign('spring-preview', 'Spring preview', 15, 20, ['spring preview', 'spring collection'])}`;
}
