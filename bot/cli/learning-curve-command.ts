import path from 'node:path';
import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { loadSettings } from '../../config/settings.js';
import { DEFAULT_DATASETS } from '../../intents/eval/datasets/labelled.js';
import type { Understander } from '../../intents/understanding.js';
import { progressBar } from '../../shared/progress.js';
import { brandHandle, labelledBrands, labelledSources, readLabels, type Split } from './labelled-set.js';
import { walkMentions, thirds, type WalkMention } from './learning-curve-walk.js';
import { detailLine, printLearning, publishLines, type LearningBrand } from './learning-curve-report.js';
import { lookalikesAfterWalk, readLookalikes } from './learning-curve-lookalikes.js';
import { loadUnderstander } from './load-understander.js';
import { addScores, scoreReplay } from './replay-labelled-score.js';

export interface LearningCurveOptions {
  brands?: readonly string[];
  /** dev for tuning; final only for the figure. */
  split?: Split;
  /** Mentions between two publishes (default 50). */
  every?: number;
  setDir?: string;
  datasets?: string;
  noReply?: boolean;
  /**
   * Walk every labelled mention of the brand (both splits) in time order, as the stream came, learning
   * from all of them, and score only the split's: with one split alone, the other's handed-off
   * mentions (which agents answer too) were missing from the walk, and a publish every 50 mentions of
   * one split came after most of a small brand's mentions.
   */
  stream?: boolean;
  /**
   * Print each entry-labelled or answered mention's decision in both walks, and each publish's accepted
   * examples (why learning did or did not help, and what it made the bot answer wrongly).
   */
  details?: boolean;
}

export interface LearningCurveDeps {
  loadUnderstander?: () => Promise<Understander>;
  out?: NodeJS.WritableStream;
  progress?: boolean;
}

const CHANNEL = 'x';

/** A brand's labelled mentions of the split, oldest first, each with its thread's earlier posts. */
async function brandMentions(dir: string, brand: string, split: Split, datasets: string, stream: boolean) {
  const knowledge = await loadKnowledgeFile(path.join(dir, 'knowledge.yaml'));
  const inSplit = (l: { split: string }) => split === 'all' || l.split === split;
  const labels = (await readLabels(path.join(dir, 'labels.csv'), knowledge)).filter((l) => stream || inSplit(l));
  const source = labelledSources(datasets);
  const mentions: WalkMention[] = [];
  for (const label of labels) {
    const s = await source(label.source);
    const m = s.byId.get(label.tweetId);
    if (!m) continue;
    const at = new Date(m.createdAt ?? '');
    if (Number.isNaN(at.getTime())) throw new Error(`${label.source}:${label.tweetId}: unreadable created_at "${m.createdAt}"`);
    mentions.push({
      label: label.label,
      text: m.text,
      author: m.author,
      at,
      earlier: s.thread(m).map((e) => ({ text: e.text, author: e.author })),
      ...(inSplit(label) ? {} : { scored: false }),
    });
  }
  mentions.sort((a, b) => a.at.getTime() - b.at.getTime());
  const handle = brandHandle(
    brand,
    mentions.map((m) => m.text),
  );
  return { knowledge, mentions, handle };
}

/**
 * `npm run eval -- learning [brand…] [--split dev|final] [--every 50]`: the labelled set walked in
 * time order twice per brand, without and with learning from the agents (learning-curve-walk.ts),
 * and coverage and wrong answers in the first and last third of each walk.
 */
export async function runLearningCurve(options: LearningCurveOptions = {}, deps: LearningCurveDeps = {}): Promise<LearningBrand[]> {
  const out = deps.out ?? process.stdout;
  const setDir = options.setDir ?? path.resolve('test/replay-labelled');
  const split = options.split ?? 'dev';
  const every = options.every ?? 50;
  const brands = options.brands?.length ? [...options.brands] : await labelledBrands(setDir);
  const settings = loadSettings();
  const noReply = options.noReply ?? settings.NO_REPLY_DECISIONS;
  const walked = options.stream ? ' (walking both splits as the stream came, scoring this one)' : '';
  out.write(
    `learning curve: split ${split}${walked}, a publish every ${every} mentions, channel ${CHANNEL}${noReply ? ', no_reply on' : ''}\n`,
  );
  const base = await (deps.loadUnderstander ?? loadUnderstander)();
  const results: LearningBrand[] = [];
  for (const brand of brands) {
    const { knowledge, mentions, handle } = await brandMentions(
      path.join(setDir, brand),
      brand,
      split,
      options.datasets ?? DEFAULT_DATASETS,
      options.stream ?? false,
    );
    const scoredCount = mentions.filter((m) => m.scored !== false).length;
    const lookalikes = await readLookalikes(path.join(setDir, brand));
    const runs = [];
    const details: string[] = [];
    for (const learn of [false, true]) {
      const bar = deps.progress === false ? undefined : progressBar(`${brand}: ${learn ? 'with' : 'without'} learning`, mentions.length);
      const understander = base.fork ? base.fork() : base;
      const decide = { channel: CHANNEL, brandHandle: handle, noReply, courtesyWords: settings.COURTESY_MAX_WORDS };
      const walk = await walkMentions(understander, knowledge, mentions, {
        ...decide,
        learn,
        every,
        onDecided: () => bar?.tick(1),
        ...(options.details
          ? {
              onDetail: (d) => details.push(detailLine(learn, scoredCount, d)),
              onPublish: (after, accepted) => details.push(publishLines(scoredCount, after, accepted)),
            }
          : {}),
      });
      bar?.done();
      const { first, last } = thirds(walk.scored);
      // What the accepted examples cost: the look-alikes decided by the model as the walk left it.
      const lookalikesAnswered = await lookalikesAfterWalk(understander, walk.knowledge, lookalikes, decide);
      runs.push({
        learn,
        first: scoreReplay(first),
        last: scoreReplay(last),
        all: scoreReplay(walk.scored),
        learned: walk.learned,
        publishes: walk.publishes,
        lookalikesAnswered,
      });
    }
    results.push({ brand, mentions: scoredCount, lookalikes: lookalikes.length, without: runs[0]!, with: runs[1]! });
    if (details.length) out.write(`\n${brand}: each entry-labelled or answered mention, and each publish\n${details.join('')}`);
  }
  const pool = (run: 'without' | 'with') => ({
    first: addScores(results.map((r) => r[run].first)),
    last: addScores(results.map((r) => r[run].last)),
    all: addScores(results.map((r) => r[run].all)),
  });
  printLearning(out, results, { without: pool('without'), with: pool('with') });
  return results;
}
