import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knowledge } from '../../config/knowledge/schema.js';
import type { Understander } from '../../intents/understanding.js';
import { previewMention } from '../turn/preview-turn.js';
import { decisionKind } from './decision-csv.js';
import { lookalikeMoments, readTable } from './labelled-set.js';
import { lookalikesAnswered, type LookalikeDecision } from './replay-labelled-score.js';

export interface LabelledLookalike {
  text: string;
  expect: string;
}

/** A brand's look-alike phrasings (lookalikes.csv), none when the brand has no such file. */
export async function readLookalikes(dir: string): Promise<LabelledLookalike[]> {
  const file = path.join(dir, 'lookalikes.csv');
  if (!existsSync(file)) return [];
  return readTable(await readFile(file, 'utf8'), file, ['text', 'expect']).map((r) => ({ text: r.text!, expect: r.expect! }));
}

/**
 * The look-alikes given another entry's reply by an understander as a walk left it (trained on the
 * knowledge of its last publish), each decided at one moment inside every entry's window as the
 * replay-labelled eval decides them: what the accepted examples cost in answers that must not be given.
 */
export async function lookalikesAfterWalk(
  understander: Understander,
  knowledge: Knowledge,
  lookalikes: readonly LabelledLookalike[],
  options: { channel: string; brandHandle: string; noReply: boolean; courtesyWords?: number },
): Promise<LookalikeDecision[]> {
  const decisions: LookalikeDecision[] = [];
  for (const l of lookalikes) {
    for (const at of lookalikeMoments(knowledge)) {
      const d = await previewMention(
        understander,
        knowledge,
        { text: l.text, at },
        { channel: options.channel, brandHandles: [options.brandHandle], noReply: options.noReply, courtesyWords: options.courtesyWords },
      );
      decisions.push({ text: l.text, expect: l.expect, at, decision: decisionKind(d), ...(d.entryId ? { entryId: d.entryId } : {}) });
    }
  }
  return lookalikesAnswered(decisions);
}
