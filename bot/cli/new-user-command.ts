import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import type { Understander } from '../../intents/understanding.js';
import { progressBar } from '../../shared/progress.js';
import { previewMention } from '../turn/preview-turn.js';
import { csvLine, DECISION_COLUMNS, decisionFields, decisionKind } from './decision-csv.js';
import { readTable, type Split } from './labelled-set.js';
import { loadUnderstander } from './load-understander.js';
import { loadSettings } from '../../config/settings.js';
import { printScore } from './replay-labelled-report.js';
import { scoreReplay, type ReplayScore, type ScoredMention } from './replay-labelled-score.js';

export interface NewUserOptions {
  /** The mentions (`text,expect`; default test/new-user/mentions.csv). */
  file?: string;
  /** The knowledge file they were written for (default the shipped config/knowledge.yaml). */
  knowledge?: string;
  split?: Split;
  /** When they are decided (default now: the shipped file's entries are live). */
  at?: Date;
  out?: string;
  handle?: string;
}

export interface NewUserDeps {
  loadUnderstander?: () => Promise<Understander>;
  out?: NodeJS.WritableStream;
  progress?: boolean;
}

/** `final` for about 37% of the mentions, fixed by their text alone (as the labelled set's split is by id). */
export const newUserSplit = (text: string): Exclude<Split, 'all'> =>
  /^[0-5]/.test(createHash('sha256').update(`new-user:${text}`).digest('hex')) ? 'final' : 'dev';

/**
 * `npm run eval -- new-user [--split dev|final|all] [--out decisions.csv]`: the mentions a new user
 * types at the shipped example knowledge file, written without seeing its examples, each decided as
 * the service would (no_reply decisions on, channel x, addressed to @acme); prints coverage, wrong
 * answers, no_reply precision and recall and the handoff share, then every decision that differs
 * from what the writer expected.
 */
export async function runNewUser(options: NewUserOptions = {}, deps: NewUserDeps = {}): Promise<ReplayScore> {
  const out = deps.out ?? process.stdout;
  const file = options.file ?? path.resolve('test/new-user/mentions.csv');
  const knowledgeFile = options.knowledge ?? path.resolve('config/knowledge.yaml');
  const split = options.split ?? 'dev';
  const at = options.at ?? new Date();
  const handle = options.handle ?? '@acme';
  const knowledge = await loadKnowledgeFile(knowledgeFile);
  const courtesyWords = loadSettings().COURTESY_MAX_WORDS;
  const entries = new Set(knowledge.entries.map((e) => e.id));
  const rows = readTable(await readFile(file, 'utf8'), file, ['text', 'expect']).filter(
    (r) => split === 'all' || newUserSplit(r.text!) === split,
  );
  for (const [i, r] of rows.entries())
    if (r.expect !== 'handoff' && r.expect !== 'no_reply' && !entries.has(r.expect!))
      throw new Error(`${file}: row ${i + 1} expects "${r.expect}", neither handoff, no_reply nor an entry of ${knowledgeFile}`);

  const understander = await (deps.loadUnderstander ?? loadUnderstander)();
  await understander.train(knowledge.entries);
  const bar = deps.progress === false ? undefined : progressBar('deciding mentions', rows.length);
  const scored: ScoredMention[] = [];
  const lines = [csvLine([...DECISION_COLUMNS, 'expect', 'split'])];
  const misses: string[] = [];
  for (const [i, r] of rows.entries()) {
    const d = await previewMention(
      understander,
      knowledge,
      { text: r.text!, at },
      { channel: 'x', brandHandles: [handle], noReply: true, courtesyWords },
    );
    const kind = decisionKind(d);
    scored.push({ label: r.expect!, decision: kind, ...(d.entryId ? { entryId: d.entryId } : {}) });
    const got = kind === 'answer' ? d.entryId! : kind;
    if (got !== r.expect) misses.push(`    ${JSON.stringify(r.text)}: ${got}, expected ${r.expect}`);
    lines.push(csvLine([...decisionFields(String(i + 1), d, r.text!), r.expect!, newUserSplit(r.text!)]));
    bar?.tick(1);
  }
  bar?.done();
  const score = scoreReplay(scored);
  out.write(
    `\nnew-user mentions (${path.relative(process.cwd(), file)}) at ${path.relative(process.cwd(), knowledgeFile)}: ${rows.length} mentions, split ${split}, no_reply decisions on\n`,
  );
  printScore(out, score);
  if (misses.length) out.write(`  not as expected (${misses.length}):\n${misses.join('\n')}\n`);
  if (options.out) {
    await writeFile(options.out, `${lines.join('\n')}\n`);
    out.write(`decisions written to ${options.out}\n`);
  }
  return score;
}
