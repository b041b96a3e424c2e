import { readFile, writeFile } from 'node:fs/promises';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { parseCsv } from '../../intents/eval/datasets/csv.js';
import { progressBar } from '../../intents/eval/progress.js';
import { previewTurn } from '../turn/preview-turn.js';
import { loadUnderstander } from './load-understander.js';

const csvField = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/**
 * `first-reply replay <file> <mentions.csv> [--out decisions.csv] [--channel x]`: a dry run over real
 * mentions (a CSV with a text column, e.g. Customer Support on Twitter; only inbound rows when it has
 * an `inbound` column). Nothing is stored or sent. Ends with how many each entry would answer and how
 * many would go to a person.
 */
export async function replayCommand(file: string, csvFile: string, options: { out?: string; channel?: string }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const started = performance.now();
  const knowledge = await loadKnowledgeFile(file);
  const rows = parseCsv(await readFile(csvFile, 'utf8')).filter((r) => r.length > 1);
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  const textAt = header.indexOf('text');
  if (textAt < 0) throw new Error(`${csvFile} has no "text" column (columns: ${header.join(', ')})`);
  const idAt = header.indexOf('tweet_id');
  const inboundAt = header.indexOf('inbound');
  // twcs-head5000.csv carries an unnamed leading index column: align short headers to the right.
  const shift = (row: string[]) => row.length - header.length;
  const skipped = rows.filter((r) => r.length < header.length).length;
  const mentions = rows
    .filter((r) => r.length >= header.length)
    .filter((r) => inboundAt < 0 || /^true$/i.test(r[inboundAt + shift(r)] ?? ''))
    .map((r, i) => ({ id: idAt >= 0 ? (r[idAt + shift(r)] ?? String(i)) : String(i), text: r[textAt + shift(r)] ?? '' }))
    .filter((m) => m.text.trim().length > 0);

  const understander = await loadUnderstander();
  await understander.train(knowledge.entries);
  const channel = options.channel ?? 'x';
  const bar = progressBar('replaying mentions', mentions.length);
  const decisions: string[] = ['id,decision,entry,reason,confidence,intent,sentiment,priority,text'];
  const byEntry = new Map<string, number>();
  let handedOff = 0;
  for (const m of mentions) {
    const d = await previewTurn(understander, knowledge, m.text, channel);
    if (d.status === 'answered') byEntry.set(d.entryId!, (byEntry.get(d.entryId!) ?? 0) + 1);
    else handedOff++;
    const u = d.understanding;
    decisions.push([m.id, d.status === 'answered' ? 'answer' : 'handoff', d.entryId ?? '', d.reason, u ? u.confidence.toFixed(3) : '', u?.intent ?? '', u?.sentiment ?? '', u?.priority ?? '', m.text].map(csvField).join(','));
    bar.tick(1);
  }
  bar.done();
  if (options.out) await writeFile(options.out, `${decisions.join('\n')}\n`);
  const seconds = (performance.now() - started) / 1000;
  const answered = mentions.length - handedOff;
  const pct = (n: number) => `${((100 * n) / Math.max(1, mentions.length)).toFixed(1)}%`;
  out.write(`\nreplayed ${mentions.length} mentions from ${csvFile} against ${file} (channel ${channel}) in ${seconds.toFixed(1)} s${skipped ? ` (${skipped} malformed row(s) skipped)` : ''}\n`);
  out.write(`  answered by an entry   ${answered} (${pct(answered)})\n`);
  for (const [entry, n] of [...byEntry.entries()].sort((a, b) => b[1] - a[1])) out.write(`    ${entry.padEnd(22)} ${n} (${pct(n)})\n`);
  out.write(`  handed to a person     ${handedOff} (${pct(handedOff)})\n`);
  if (options.out) out.write(`  decisions written to ${options.out}\n`);
  return 0;
}
