import { readFile, writeFile } from 'node:fs/promises';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { progressBar } from '../../shared/progress.js';
import { previewTurn } from '../turn/preview-turn.js';
import { csvLine, DECISION_COLUMNS, decisionFields, decisionKind, languageField } from './decision-csv.js';
import { loadUnderstander } from './load-understander.js';
import { inboundMentions, readMentionsCsv } from './mentions-csv.js';

/**
 * `first-reply replay <file> <mentions.csv> [--out decisions.csv] [--channel x]`: a dry run over real
 * mentions (a CSV with a text column, e.g. Customer Support on Twitter; only inbound rows when it has
 * an `inbound` column). Nothing is stored or sent. Ends with how many each entry would answer and how
 * many would go to a person.
 */
export async function replayCommand(
  file: string,
  csvFile: string,
  options: { out?: string; channel?: string },
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const started = performance.now();
  const knowledge = await loadKnowledgeFile(file);
  const csv = readMentionsCsv(await readFile(csvFile, 'utf8'), csvFile);
  const skipped = csv.malformed;
  const mentions = inboundMentions(csv);

  const understander = await loadUnderstander();
  await understander.train(knowledge.entries);
  const channel = options.channel ?? 'x';
  const bar = progressBar('replaying mentions', mentions.length);
  const decisions: string[] = [csvLine(DECISION_COLUMNS)];
  const byEntry = new Map<string, number>();
  const byLanguage = new Map<string, number>();
  let handedOff = 0;
  for (const m of mentions) {
    const d = await previewTurn(understander, knowledge, m.text, channel);
    const language = languageField(d) || 'und';
    byLanguage.set(language, (byLanguage.get(language) ?? 0) + 1);
    if (decisionKind(d) === 'answer') byEntry.set(d.entryId!, (byEntry.get(d.entryId!) ?? 0) + 1);
    else handedOff++;
    decisions.push(csvLine(decisionFields(m.id, d, m.text)));
    bar.tick(1);
  }
  bar.done();
  if (options.out) await writeFile(options.out, `${decisions.join('\n')}\n`);
  const seconds = (performance.now() - started) / 1000;
  const answered = mentions.length - handedOff;
  const pct = (n: number) => `${((100 * n) / Math.max(1, mentions.length)).toFixed(1)}%`;
  out.write(
    `\nreplayed ${mentions.length} mentions from ${csvFile} against ${file} (channel ${channel}) in ${seconds.toFixed(1)} s${skipped ? ` (${skipped} malformed row(s) skipped)` : ''}\n`,
  );
  out.write(`  answered by an entry   ${answered} (${pct(answered)})\n`);
  for (const [entry, n] of [...byEntry.entries()].sort((a, b) => b[1] - a[1])) out.write(`    ${entry.padEnd(22)} ${n} (${pct(n)})\n`);
  out.write(`  handed to a person     ${handedOff} (${pct(handedOff)})\n`);
  const languages = [...byLanguage.entries()].sort((a, b) => b[1] - a[1]);
  out.write(
    `  languages              ${languages.map(([l, n]) => `${l === 'und' ? 'too short to tell' : l} ${n} (${pct(n)})`).join(', ')}\n`,
  );
  if (options.out) out.write(`  decisions written to ${options.out}\n`);
  return 0;
}
