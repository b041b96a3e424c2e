import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { HandoffSample } from '../../store/team-store.js';
import { redisHandoffBackend, sqliteHandoffBackend } from './handoff-backends.js';
import type { HandoffBackend } from './handoff-store-contract.js';

const sample = (i: number): HandoffSample => ({
  at: 1000 + i,
  channel: 'x',
  threadId: `t${i}`,
  text: `post ${i}`,
  decision: { understanding: { intent: 'refund' } },
  customerTags: i % 2 ? ['vip'] : [],
  matched: [],
});

for (const [name, make] of [
  ['SQLite', sqliteHandoffBackend],
  ['Redis', redisHandoffBackend],
] as [string, () => HandoffBackend][]) {
  describe(`${name} teams`, () => {
    let backend: HandoffBackend;
    let handoff: HandoffStore;
    const open = async () => {
      backend = make();
      handoff = (await backend.open()).handoff;
    };
    afterEach(async () => backend.dispose());

    it('creates, replaces, lists and deletes teams', async () => {
      await open();
      await handoff.saveTeam({ name: 'tech', members: ['zoe', 'ann'], webhook: null });
      await handoff.saveTeam({ name: 'billing', members: ['bob'], webhook: { url: 'https://hooks.example/b', format: 'slack' } });
      await handoff.saveTeam({ name: 'tech', members: ['ann', 'cy', 'zoe'], webhook: { url: 'https://hooks.example/t', format: 'teams' } });
      expect(await handoff.listTeams()).toEqual([
        { name: 'billing', members: ['bob'], webhook: { url: 'https://hooks.example/b', format: 'slack' } },
        { name: 'tech', members: ['ann', 'cy', 'zoe'], webhook: { url: 'https://hooks.example/t', format: 'teams' } },
      ]);
      expect(await handoff.deleteTeam('tech')).toBe(true);
      expect(await handoff.deleteTeam('tech')).toBe(false);
      expect((await handoff.listTeams()).map((t) => t.name)).toEqual(['billing']);
    });

    it("puts threads in teams' queues, once, with the route event", async () => {
      await open();
      const ref = { channel: 'x', threadId: 't1' };
      expect(await handoff.setThreadTeam({ ...ref, team: 'billing', actor: 'routing', now: 10 })).toBe(true);
      expect(await handoff.setThreadTeam({ ...ref, team: 'billing', actor: 'routing', now: 11 })).toBe(false);
      expect(await handoff.setThreadTeam({ ...ref, team: 'tech', actor: 'ann', now: 12 })).toBe(true);
      await handoff.setThreadTeam({ channel: 'meta', threadId: 't2', team: 'billing', actor: 'routing', now: 13 });
      const teams = await handoff.threadTeams([ref, { channel: 'meta', threadId: 't2' }, { channel: 'x', threadId: 'none' }]);
      expect([...teams.entries()].sort()).toEqual([
        ['meta\nt2', 'billing'],
        ['x\nt1', 'tech'],
      ]);
      const events = (await handoff.transcript('x', 't1')).events.filter((e) => e.type === 'route');
      expect(events.map((e) => [e.actor, e.at, e.data])).toEqual([
        ['routing', 10, { team: 'billing', from: null }],
        ['ann', 12, { team: 'tech', from: 'billing' }],
      ]);
      expect(await handoff.setThreadTeam({ ...ref, team: null, actor: 'ann', now: 14 })).toBe(true);
      expect((await handoff.threadTeams([ref])).size).toBe(0);
    });

    it('keeps only the newest handoff samples, newest first', async () => {
      await open();
      for (let i = 0; i < 7; i++) await handoff.recordHandoffSample(sample(i), 5);
      const recent = await handoff.recentHandoffSamples(100);
      expect(recent.map((s) => s.threadId)).toEqual(['t6', 't5', 't4', 't3', 't2']);
      expect(recent[0]).toEqual(sample(6));
      expect((await handoff.recentHandoffSamples(2)).map((s) => s.threadId)).toEqual(['t6', 't5']);
    });
  });
}
