import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { loadSettings } from '../../config/settings.js';
import { createEmergingGrouper, EMERGING_DEFAULTS, type RaisedGroup } from '../../intents/emerging/emerging-grouper.js';
import { stderrLog } from '../../shared/log.js';
import { previewMention } from '../turn/preview-turn.js';
import { csvField, decisionKind } from './decision-csv.js';
import { createBatchEncoder } from './emerging-encoder.js';
import { walkInBatches } from './emerging-walk.js';
import { readWaveLabels, waveFigures } from './emerging-labels.js';
import { raisedGroupText, summaryText } from './emerging-report.js';
import { loadUnderstander } from './load-understander.js';
import { inboundMentions, readMentionsCsv, type CsvMention } from './mentions-csv.js';

export interface EmergingCommandOptions {
  window?: string;
  minSize?: string;
  minAuthors?: string;
  knowledge?: string;
  out?: string;
  /** Words and characters only: no encoder (faster, and for machines without the model). */
  noEmbeddings?: boolean;
  /** Only mentions created in [from, to) (ISO 8601): a day of a longer file. */
  from?: string;
  to?: string;
  /** Waves labelled by hand (test/emerging-waves/labels.csv): how each came out. */
  labels?: string;
  /** With labels: only this wave. */
  wave?: string;
  /** With labels: only the mentions labelled (one brand's stream out of a file of many brands). */
  onlyLabelled?: boolean;
  /** Only the file's first N customer rows (in file order, before --from/--to): a run of a set size. */
  limit?: string;
}

function count(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min} (got "${value}")`);
  return n;
}

function instant(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw new Error(`--${name} must be a date or date-time (ISO 8601, got "${value}")`);
  return at;
}

/** Time order; rows without a readable created_at keep their place in the file after the dated ones. */
function inTimeOrder(rows: CsvMention[]): { m: CsvMention; at: number }[] {
  const dated = rows.map((m, i) => {
    const at = m.createdAt ? Date.parse(m.createdAt) : Number.NaN;
    return { m, at: Number.isFinite(at) ? at : Number.MAX_SAFE_INTEGER, i };
  });
  dated.sort((a, b) => a.at - b.at || a.i - b.i);
  let last = 0;
  return dated.map(({ m, at }) => ({ m, at: at === Number.MAX_SAFE_INTEGER ? last : (last = at) }));
}

/**
 * `first-reply emerging <mentions.csv>`: the service's emerging-incident grouping run offline over a
 * day (or more) of mentions, in time order: prints each group it would raise with its drafted entry.
 */
export async function emergingCommand(
  csvFile: string,
  options: EmergingCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const started = performance.now();
  const windowMinutes = count(options.window, 'window', EMERGING_DEFAULTS.windowMs / 60_000, 0);
  const minSize = count(options.minSize, 'min-size', EMERGING_DEFAULTS.minSize, 2);
  const minAuthors = count(options.minAuthors, 'min-authors', EMERGING_DEFAULTS.minAuthors, 1);
  const csv = readMentionsCsv(await readFile(csvFile, 'utf8'), csvFile);
  const from = instant(options.from, 'from') ?? Number.NEGATIVE_INFINITY;
  const to = instant(options.to, 'to') ?? Number.POSITIVE_INFINITY;
  const waves = options.labels ? (await readWaveLabels(options.labels)).filter((w) => !options.wave || w.wave === options.wave) : [];
  if (options.wave && waves.length === 0) throw new Error(`--wave ${options.wave}: no such wave in ${options.labels}`);
  const labelled = new Set(waves.flatMap((w) => [...w.labels.keys()]));
  const limit = count(options.limit, 'limit', Number.POSITIVE_INFINITY, 1);
  const all = inTimeOrder(inboundMentions(csv).slice(0, limit)).filter(
    (r) => r.at >= from && r.at < to && (!options.onlyLabelled || labelled.has(r.m.id)),
  );

  const knowledge = options.knowledge ? await loadKnowledgeFile(options.knowledge) : undefined;
  // The understander's encoder also gives the grouping its vectors (its cache: each text encoded once).
  const understander = knowledge ? await loadUnderstander({ threads: availableParallelism() }) : undefined;
  if (understander && knowledge) await understander.train(knowledge.entries);
  const encoder = options.noEmbeddings || understander?.embedTexts ? undefined : await createBatchEncoder(stderrLog);
  const grouper = createEmergingGrouper({
    windowMs: windowMinutes === 0 ? Number.POSITIVE_INFINITY : windowMinutes * 60_000,
    minSize,
    minAuthors,
    rememberAll: true,
  });
  type Row = (typeof all)[number];
  const texts = (batch: readonly Row[]) => batch.map((r) => r.m.text);
  const embed = options.noEmbeddings ? undefined : (understander?.embedTexts?.bind(understander) ?? encoder?.embed);
  const groupedAt = new Map<string, number>();
  // As the service decides: its brand handles and its longest courtesy (try-command.ts reads them too).
  const { BRAND_HANDLES, COURTESY_MAX_WORDS } = loadSettings();
  const grouped = await walkInBatches(
    all,
    {
      ...(understander && knowledge
        ? {
            // Thanks, praise, spam and noise are no incident whatever NO_REPLY_DECISIONS says: left out too.
            keep: async (batch: readonly Row[]) =>
              (
                await Promise.all(
                  batch.map((r) =>
                    previewMention(
                      understander,
                      knowledge,
                      { text: r.m.text },
                      { channel: 'x', brandHandles: BRAND_HANDLES, noReply: true, courtesyWords: COURTESY_MAX_WORDS },
                    ),
                  ),
                )
              ).map((d) => decisionKind(d) === 'handoff'),
          }
        : {}),
      ...(embed ? { embed: (batch: readonly Row[]) => embed(texts(batch)) } : {}),
      group(r, vector) {
        groupedAt.set(r.m.id, r.at);
        const { raised } = grouper.add({
          key: r.m.id,
          at: r.at,
          author: r.m.author,
          text: r.m.text,
          ...(r.m.inResponseTo ? { replyTo: r.m.inResponseTo } : {}),
          ...(vector ? { embedding: vector } : {}),
        });
        if (raised) out.write(`${raisedGroupText(raised)}`);
      },
    },
    knowledge ? 'leaving out what the bot answers, grouping the rest' : 'grouping mentions',
  );
  await encoder?.dispose();

  const final = grouper
    .raisedIds()
    .map((id) => grouper.describe(id))
    .filter((g): g is RaisedGroup => g !== undefined);
  const raisedIds = new Set(final.map((g) => g.groupId));
  if (options.out) {
    const lines = ['id,group'];
    for (const r of all) {
      const g = grouper.groupOf(r.m.id);
      lines.push(`${csvField(r.m.id)},${g !== undefined && raisedIds.has(g) ? g : ''}`);
    }
    await writeFile(options.out, `${lines.join('\n')}\n`);
  }
  out.write(
    summaryText({
      file: csvFile,
      read: all.length,
      grouped,
      leftOut: all.length - grouped,
      skipped: csv.malformed,
      seconds: (performance.now() - started) / 1000,
      embedded: !!embed,
      final,
    }),
  );
  if (options.out) out.write(`  each mention's group written to ${options.out}\n`);
  if (options.labels) {
    const groupOf = (id: string) => {
      const g = grouper.groupOf(id);
      return g !== undefined && raisedIds.has(g) ? g : undefined;
    };
    const members = (g: number) => all.map((r) => r.m.id).filter((id) => groupOf(id) === g);
    out.write(`  waves labelled by hand in ${options.labels}:\n`);
    const reach = { grouped: groupedAt, windowMs: windowMinutes === 0 ? Number.POSITIVE_INFINITY : windowMinutes * 60_000, minSize };
    for (const wave of waves) out.write(`${waveFigures(wave, groupOf, members, reach)}\n`);
  }
  return 0;
}
