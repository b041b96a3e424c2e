import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLiveKnowledge } from '../../../config/knowledge/live-knowledge.js';
import { openDatabase } from '../../../store/open-database.js';
import { createSqliteStore } from '../../../store/sqlite-store.js';
import { createTurnRunner } from '../../../bot/turn/run-turn.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { exampleKnowledge } from '../../helpers/start-service.js';

const settings = { BRAND_HANDLES: ['@acme'], KNOWN_BOTS: [], AUTHOR_REPLY_CAP: 3, AUTHOR_REPLY_WINDOW_SECONDS: 3600 };

describe('issue 14 finding 2 — a long mention is kept once, not again in its decision', () => {
  it('finding 2: the decision of a handed-off 1 MB mention stays small; the mention keeps the whole text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-transcript-'));
    const store = createSqliteStore(openDatabase(dir));
    try {
      const knowledge = await createLiveKnowledge(exampleKnowledge, createKeywordUnderstander());
      const turns = createTurnRunner({ store, understander: createKeywordUnderstander(), knowledge, channels: new Map(), settings });
      const long = 'qwzx vbnm '.repeat(100_000);
      const short = 'qwzx vbnm plok';
      for (const [id, text] of [
        ['long', long],
        ['short', short],
      ] as const) {
        await store.acceptMention(
          { channel: 'sandbox', platformId: id, threadId: id, author: '@ann', text, createdAt: '2026-12-06T10:00:00Z' },
          1,
          Date.now() + 60_000,
        );
      }
      const claimed = [...(await store.claimMentions(10, 2, 60_000)), ...(await store.claimMentions(10, 2, 60_000))];
      expect(claimed.map((m) => m.platformId)).toEqual(['long', 'short']);
      await store.commitTurns(await Promise.all(claimed.map(async (mention) => ({ mention, outcome: await turns.run(mention) }))), 3);

      for (const [i, text] of [
        [0, long],
        [1, short],
      ] as const) {
        const decided = (await store.getMention(claimed[i]!.id))!;
        expect(decided.status).toBe('handed_off');
        expect(decided.text).toBe(text);
        // The decision says why, not what: no copy of the text, whatever its length.
        expect(JSON.stringify(decided.decision)).not.toContain('qwzx');
        expect(JSON.stringify(decided.decision).length).toBeLessThan(2_000);
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
