import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, type RunningService, startService, waitFor } from '../../helpers/start-service.js';
import { type AgentClient, agentClient } from './agent-client.js';

// Issue 20's workload balance over real HTTP: a cap of claimed threads per agent (409 past it, an
// admin may assign anyway, recorded) and the round-robin auto-assignment of a team's queue to the
// agents signed in and under their cap.
const RULES = `version: 1
rules:
  - name: money
    when: { keywords: [charged twice] }
    do: { team: billing }
`;

describe('workload balance', () => {
  let service: RunningService;
  let root: AgentClient;
  let ann: AgentClient;
  let cy: AgentClient;
  let dan: AgentClient;

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', AUTO_ASSIGN_TEAMS: 'billing' });
    root = await agentClient(service, 'root', ['admin', 'agent'], 'token');
    // bob is in the team but never signs in (a token is not a session): he receives nothing.
    await agentClient(service, 'bob', ['agent'], 'token');
    ann = await agentClient(service, 'ann');
    cy = await agentClient(service, 'cy');
    dan = await agentClient(service, 'dan');
    expect((await root.call('PUT', '/api/teams/billing', { members: ['ann', 'bob', 'cy'] })).status).toBe(200);
    expect((await root.call('PUT', '/api/routing', { text: RULES })).status).toBe(200);
  }, 60_000);
  afterAll(async () => service?.dispose());

  const thread = async (key: string) => (await root.call('GET', `/api/threads/${key}`)).body.thread;
  /** A customer's post; resolves with its thread key once handed off (and, in billing, routed). */
  const handOff = async (text: string) => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text });
    const key = threadKey('sandbox', posted.body.threadId);
    await waitFor(async () => ((await thread(key))?.handoffAt ? true : undefined), 15_000, `the handoff of "${text}"`);
    return key;
  };
  const assigneeOf = (key: string) =>
    waitFor(
      async () => {
        const t = await thread(key);
        return t?.state === 'agent' ? (t.assignee as string) : undefined;
      },
      15_000,
      `an assignee for ${key}`,
    );

  it('an admin sets a cap per agent; validated, and listed with who is signed in', async () => {
    expect((await root.call('PUT', '/api/users/dan/claim-cap', { cap: 1 })).body).toEqual({ name: 'dan', claimCap: 1 });
    expect((await root.call('PUT', '/api/users/dan/claim-cap', { cap: 0 })).status).toBe(400);
    expect((await root.call('PUT', '/api/users/dan/claim-cap', { cap: 'many' })).status).toBe(400);
    expect((await root.call('PUT', '/api/users/nobody/claim-cap', { cap: 2 })).status).toBe(404);
    expect((await ann.call('PUT', '/api/users/dan/claim-cap', { cap: 9 })).status).toBe(403);
    const listed = (await root.call('GET', '/api/users')).body;
    expect(listed.defaultClaimCap).toBeNull();
    const byName = Object.fromEntries(listed.users.map((u: { name: string }) => [u.name, u]));
    expect(byName.dan).toMatchObject({ claimCap: 1, signedIn: true });
    expect(byName.bob).toMatchObject({ claimCap: null, signedIn: false });
  });

  it('refuses a claim past the cap with a clear 409; a reassignment too, unless an admin overrides it (recorded)', async () => {
    const first = await handOff('my router is dead since this morning');
    const second = await handOff('I would like a refund for the router');
    expect((await dan.call('POST', `/api/threads/${first}/claim`, {})).status).toBe(200);
    const refused = await dan.call('POST', `/api/threads/${second}/claim`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('you already have 1 claimed thread, your cap: resolve or release one first');
    expect(refused.body.overCap).toBe(true);
    expect((await thread(second)).state).toBe('waiting');

    expect((await root.call('POST', `/api/threads/${second}/claim`, {})).status).toBe(200);
    const toDan = await root.call('POST', `/api/threads/${second}/reassign`, { to: 'dan' });
    expect(toDan.status).toBe(409);
    expect(toDan.body.message).toBe('dan already has 1 claimed thread, their cap: an admin may assign anyway');
    const forced = await root.call('POST', `/api/threads/${second}/reassign`, { to: 'dan', overCap: true });
    expect(forced.status).toBe(200);
    expect(forced.body.thread.assignee).toBe('dan');
    const event = forced.body.events.find((e: { type: string }) => e.type === 'reassign');
    expect(event).toMatchObject({ actor: 'root', data: { assignee: 'dan', overCap: true } });

    // An agent's override is no override.
    const third = await handOff('my modem is dead and I want my money back');
    expect((await ann.call('POST', `/api/threads/${third}/claim`, {})).status).toBe(200);
    const byAgent = await ann.call('POST', `/api/threads/${third}/reassign`, { to: 'dan', overCap: true });
    expect(byAgent.status).toBe(409);
    // Resolving one frees a place under the cap.
    for (const key of [first, second]) await dan.call('POST', `/api/threads/${key}/resolve`, { confirm: true });
    expect((await ann.call('POST', `/api/threads/${third}/reassign`, { to: 'dan' })).status).toBe(200);
    await dan.call('POST', `/api/threads/${third}/resolve`, { confirm: true });
  });

  it("gives the team's queue round robin to the agents signed in and under their cap; a released thread goes to the next", async () => {
    expect((await root.call('PUT', '/api/users/ann/claim-cap', { cap: 2 })).status).toBe(200);
    const keys: string[] = [];
    const assigned: string[] = [];
    for (const text of [
      'why was I charged twice on my card?',
      'I was charged twice for one order',
      'charged twice again!',
      'charged twice, help',
    ]) {
      keys.push(await handOff(text));
      assigned.push(await assigneeOf(keys.at(-1)!));
    }
    // Never bob (no session); alternating between the two signed in.
    expect(assigned).toEqual(['ann', 'cy', 'ann', 'cy']);
    const event = (await root.call('GET', `/api/threads/${keys[0]}`)).body.events.find((e: { type: string }) => e.type === 'assign');
    expect(event).toMatchObject({ actor: 'auto-assign', data: { to: 'ann', team: 'billing' } });

    // Ann is at her cap (2): the next goes to cy, out of turn.
    const fifth = await handOff('charged twice this month');
    expect(await assigneeOf(fifth)).toBe('cy');

    // Cy gives one back: it goes to the next agent, not back to cy... ann is at her cap, so it waits,
    // and reaches her as soon as she resolves one (the handoff clock's round).
    const released = await cy.call('POST', `/api/threads/${fifth}/release`, {});
    expect(released.status).toBe(200);
    await waitFor(async () => ((await thread(fifth)).state === 'waiting' ? true : undefined), 15_000, 'the release');
    expect((await ann.call('POST', `/api/threads/${keys[0]}/resolve`, { confirm: true })).status).toBe(200);
    await service.handoff.tick();
    expect(await assigneeOf(fifth)).toBe('ann');
  });

  it('an agent who signs out stops receiving', async () => {
    const out = await fetch(`${service.url}/api/session`, { method: 'DELETE', headers: { cookie: ann.cookie } });
    expect(out.status).toBe(204);
    const byName = Object.fromEntries(
      (await root.call('GET', '/api/users')).body.users.map((u: { name: string; signedIn: boolean }) => [u.name, u.signedIn]),
    );
    expect(byName).toMatchObject({ ann: false, cy: true });
    await root.call('PUT', '/api/users/ann/claim-cap', { cap: null });
    for (const text of ['charged twice on the app', 'charged twice by the shop']) expect(await assigneeOf(await handOff(text))).toBe('cy');
  });
});
