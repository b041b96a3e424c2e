import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteLearnedExamples } from '../../store/sqlite-learned-examples.js';
import { createRedisLearnedExamples } from '../../store/redis-learned-examples.js';
import { scriptRunner } from '../../store/redis-script-runner.js';
import type { LearnedExamples, NewCandidate } from '../../store/learned-examples.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';

const candidate = (over: Partial<NewCandidate> = {}): NewCandidate => ({
  entryId: 'parcel-delays',
  kind: 'example',
  text: 'where is my parcel',
  channel: 'sandbox',
  threadId: 't1',
  mentionId: 1,
  agent: 'ann',
  at: 1000,
  ...over,
});

function contract(name: string, open: () => Promise<{ learned: LearnedExamples; dispose(): Promise<void> }>) {
  describe(name, () => {
    let learned: LearnedExamples;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ learned, dispose } = await open()));
    afterAll(() => dispose?.());

    it('records a candidate once per mention, entry and kind, and lists the pending oldest first', async () => {
      const a = await learned.addCandidate(candidate());
      expect(a).toMatchObject({ status: 'pending', entryId: 'parcel-delays', text: 'where is my parcel' });
      expect(await learned.addCandidate(candidate({ text: 'again' }))).toBeUndefined();
      const neg = await learned.addCandidate(candidate({ kind: 'negative' }));
      const other = await learned.addCandidate(candidate({ mentionId: 2, entryId: 'app-outage', text: 'app down' }));
      expect(neg!.id).toBeGreaterThan(a!.id);
      expect((await learned.pendingCandidates(10)).map((c) => [c.id, c.kind, c.entryId])).toEqual([
        [a!.id, 'example', 'parcel-delays'],
        [neg!.id, 'negative', 'parcel-delays'],
        [other!.id, 'example', 'app-outage'],
      ]);
      expect(await learned.pendingCandidates(1)).toHaveLength(1);
    });

    it('settles pending candidates once, with the text the editor kept', async () => {
      const [a, neg, other] = await learned.pendingCandidates(10);
      expect(await learned.settleCandidates([{ id: a!.id, text: 'where is my package' }], 'accepted', 'mia', 2000)).toEqual([a!.id]);
      // Another editor's settle of the same candidate changes nothing.
      expect(await learned.settleCandidates([{ id: a!.id }, { id: neg!.id }], 'rejected', 'ned', 3000)).toEqual([neg!.id]);
      const [ra, rn] = await learned.getCandidates([neg!.id, a!.id]);
      expect(ra).toMatchObject({ status: 'accepted', text: 'where is my package', decidedBy: 'mia', decidedAt: 2000 });
      expect(rn).toMatchObject({ status: 'rejected', text: 'where is my parcel', decidedBy: 'ned' });
      expect((await learned.pendingCandidates(10)).map((c) => c.id)).toEqual([other!.id]);
      // Settled, the same mention is still not recorded again.
      expect(await learned.addCandidate(candidate())).toBeUndefined();
    });
  });
}

contract('candidate examples on SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-learned-'));
  const db = openDatabase(dir);
  return {
    learned: createSqliteLearnedExamples(db),
    async dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

contract('candidate examples on Redis', async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const client = await connectTestRedis();
  return {
    learned: createRedisLearnedExamples(client, scriptRunner(client), prefix),
    async dispose() {
      await client.close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
});
