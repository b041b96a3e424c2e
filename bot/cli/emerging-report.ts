import { draftYaml } from '../../intents/emerging/draft-entry.js';
import type { RaisedGroup } from '../../intents/emerging/emerging-grouper.js';

const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064]+/g, ' ').trim();

/** One raised group as `first-reply emerging` prints it when it is raised. */
export function raisedGroupText(g: RaisedGroup): string {
  return [
    `\ngroup ${g.groupId} raised at ${new Date(g.raisedAt).toISOString()}: ${g.size} mentions from ${g.authors} authors`,
    `  words: ${g.words.join(', ') || '(none stand out)'}`,
    '  samples:',
    ...g.samples.map((s) => `    - ${oneLine(s)}`),
    '  drafted entry (write its reply, then check and publish it):',
    draftYaml(g.draft)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '',
  ].join('\n');
}

export interface EmergingSummary {
  file: string;
  read: number;
  grouped: number;
  leftOut: number;
  skipped: number;
  seconds: number;
  embedded: boolean;
  final: RaisedGroup[];
}

export function summaryText(s: EmergingSummary): string {
  const pct = (n: number) => `${((100 * n) / Math.max(1, s.grouped)).toFixed(1)}%`;
  const inRaised = s.final.reduce((n, g) => n + g.size, 0);
  const lines = [
    `\ngrouped ${s.grouped} mentions from ${s.file} in ${s.seconds.toFixed(1)} s (${Math.round(s.grouped / Math.max(s.seconds, 0.001))}/s)` +
      `${s.embedded ? '' : ', words and characters only (no sentence embeddings)'}`,
    `  read ${s.read}; left out ${s.leftOut} answered or not for a person (--knowledge)${s.skipped ? `; ${s.skipped} malformed row(s) skipped` : ''}`,
    `  groups raised           ${s.final.length}`,
    `  mentions in them        ${inRaised} (${pct(inRaised)})`,
    ...s.final.map(
      (g) =>
        `    group ${String(g.groupId).padEnd(6)} ${String(g.size).padStart(5)} mentions, ${g.authors} authors: ${g.words.slice(0, 4).join(', ')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
