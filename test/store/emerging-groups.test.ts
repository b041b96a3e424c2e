import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/open-database.js';
import { createSqliteEmergingGroups } from '../../store/sqlite-emerging-groups.js';
import { createRedisEmergingGroups } from '../../store/redis-emerging-groups.js';
import { scriptRunner } from '../../store/redis-script-runner.js';
import { EMERGING_MAX_THREADS, type EmergingGroups, type NewEmergingGroup } from '../../store/emerging-groups.js';
import { connectTestRedis, deletePrefix, REDIS_URL } from './redis-test-backend.js';

const group = (over: Partial<NewEmergingGroup> = {}): NewEmergingGroup => ({
  id: 'i1-1',
  raisedAt: 1000,
  size: 8,
  authors: 5,
  words: ['login', 'error'],
  samples: ['cannot log in since the update', 'login error 503'],
  draftId: 'login-error',
  draftYaml: '  - id: login-error\n    kind: incident',
  threadKeys: ['sandbox:t1', 'sandbox:t2'],
  ...over,
});

function contract(name: string, open: () => Promise<{ groups: EmergingGroups; dispose(): Promise<void> }>) {
  describe(name, () => {
    let groups: EmergingGroups;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ groups, dispose } = await open()));
    afterAll(() => dispose?.());

    it('stores a raised group with its threads, grows it, and lists open groups newest first', async () => {
      await groups.saveGroup(group());
      await groups.saveGroup(group({ id: 'i2-1', raisedAt: 2000, threadKeys: ['x:9'] }));
      await groups.growGroup('i1-1', 10, 6, ['sandbox:t2', 'sandbox:t3']);
      // A smaller figure (another instance's older view) never shrinks it; unknown groups take nothing.
      await groups.growGroup('i1-1', 9, 4, []);
      await groups.growGroup('nope', 3, 3, ['sandbox:t9']);
      expect(await groups.getGroup('nope')).toBeUndefined();
      const g = await groups.getGroup('i1-1');
      expect(g).toEqual({ ...group(), size: 10, authors: 6, threadKeys: ['sandbox:t1', 'sandbox:t2', 'sandbox:t3'], status: 'open' });
      expect((await groups.listGroups(10)).map((x) => x.id)).toEqual(['i2-1', 'i1-1']);
      expect((await groups.listGroups(1)).map((x) => x.id)).toEqual(['i2-1']);
      // Saved again (a repeat): the same group, not a second one.
      await groups.saveGroup(group({ size: 3 }));
      expect((await groups.listGroups(10)).map((x) => [x.id, x.size])).toEqual([
        ['i2-1', 8],
        ['i1-1', 10],
      ]);
    });

    it('links and settles a group once', async () => {
      expect(await groups.linkEntry('i1-1', 'login-error')).toBe(true);
      expect(await groups.settleGroup('i1-1', 'answered', 'mia', 3000)).toBe(true);
      // A double submit, or a second editor: no second settle, no link to a settled group.
      expect(await groups.settleGroup('i1-1', 'answered', 'ned', 3001, 'other')).toBe(false);
      expect(await groups.settleGroup('i1-1', 'dismissed', 'ned', 3001)).toBe(false);
      expect(await groups.linkEntry('i1-1', 'other')).toBe(false);
      expect(await groups.settleGroup('missing', 'dismissed', 'ned', 3001)).toBe(false);
      expect(await groups.getGroup('i1-1')).toMatchObject({
        status: 'answered',
        entryId: 'login-error',
        decidedBy: 'mia',
        decidedAt: 3000,
      });
      expect(await groups.settleGroup('i2-1', 'dismissed', 'ned', 3002)).toBe(true);
      expect(await groups.listGroups(10)).toEqual([]);
      expect((await groups.listGroups(10, true)).map((x) => [x.id, x.status])).toEqual([
        ['i2-1', 'dismissed'],
        ['i1-1', 'answered'],
      ]);
    });

    it('answers a group in pages: each thread taken once, retaken only when stale, outcomes kept', async () => {
      const keys = Array.from({ length: 7 }, (_, i) => `sandbox:p${i}`);
      await groups.saveGroup(group({ id: 'pages', threadKeys: keys }));
      // Open: nothing to take; answered, it holds the threads it had then (one joining later is not answered).
      expect(await groups.takeAnswerThreads('pages', 10, 100, 0)).toEqual([]);
      expect(await groups.settleGroup('pages', 'answered', 'mia', 100, 'login-error')).toBe(true);
      await groups.growGroup('pages', 9, 6, ['sandbox:late']);
      expect(await groups.unfinishedAnswers(10)).toContain('pages');
      // Two takers at once (two instances, a double submit): disjoint pages.
      const [a, b] = await Promise.all([groups.takeAnswerThreads('pages', 3, 200, 0), groups.takeAnswerThreads('pages', 3, 200, 0)]);
      const taken = [...a, ...b].map((t) => t.threadKey);
      expect(new Set(taken).size).toBe(6);
      expect([...a, ...b].every((t) => !t.retaken)).toBe(true);
      for (const k of taken.slice(0, 5)) await groups.finishAnswerThread('pages', k, k === taken[0] ? 'the thread is agent (ann)' : '');
      // The rest: the one never taken; the one taken and never finished only once its take is stale.
      expect(await groups.takeAnswerThreads('pages', 10, 300, 150)).toEqual([{ threadKey: 'sandbox:p6', retaken: false }]);
      expect(await groups.takeAnswerThreads('pages', 10, 400, 250)).toEqual([{ threadKey: taken[5]!, retaken: true }]);
      expect(await groups.takeAnswerThreads('pages', 10, 500, 250)).toEqual([]);
      // A second outcome for the same thread changes nothing.
      await groups.finishAnswerThread('pages', taken[0]!, '');
      expect(await groups.answerProgress('pages')).toEqual({
        answered: keys.filter((k) => taken.slice(1, 5).includes(k)),
        skipped: [{ threadKey: taken[0], reason: 'the thread is agent (ann)' }],
        pending: 2,
      });
      await groups.finishAnswerThread('pages', 'sandbox:p6', '');
      await groups.finishAnswerThread('pages', taken[5]!, 'no customer post');
      expect((await groups.answerProgress('pages')).pending).toBe(0);
      expect(await groups.unfinishedAnswers(10)).not.toContain('pages');
      // A dismissed group has nothing to answer.
      await groups.saveGroup(group({ id: 'gone', threadKeys: keys }));
      await groups.settleGroup('gone', 'dismissed', 'mia', 100);
      expect(await groups.takeAnswerThreads('gone', 10, 600, 0)).toEqual([]);
      expect(await groups.unfinishedAnswers(10)).not.toContain('gone');
    });

    it('keeps at most the bounded number of thread keys per group', async () => {
      const keys = Array.from({ length: EMERGING_MAX_THREADS + 5 }, (_, i) => `x:${i}`);
      await groups.saveGroup(group({ id: 'big', threadKeys: keys.slice(0, 10) }));
      await groups.growGroup('big', 9, 5, keys);
      expect((await groups.getGroup('big'))!.threadKeys).toEqual(keys.slice(0, EMERGING_MAX_THREADS));
    });
  });
}

contract('emerging groups on SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fr-emerging-'));
  const db = openDatabase(dir);
  return {
    groups: createSqliteEmergingGroups(db),
    async dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

contract('emerging groups on Redis', async () => {
  const prefix = `first-reply-test:${randomUUID()}:`;
  const client = await connectTestRedis();
  return {
    groups: createRedisEmergingGroups(client, scriptRunner(client), prefix),
    async dispose() {
      await client.close();
      await deletePrefix(REDIS_URL, prefix);
    },
  };
});
