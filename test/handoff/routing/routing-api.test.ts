import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';

const RULES = `version: 1
rules:
  - name: money
    when: { keywords: [charged twice, refund] }
    do: { team: billing, tags: [money], notify: billing }
  - name: vip-to-ann
    when: { keywords: [vip] }
    do: { assign: ann, tags: [vip-desk] }
  - name: broken-stuff
    when: { patterns: ['(router|modem) (is )?(broken|dead)'] }
    do: { team: tech, priority: high, hide: true }
`;

describe('teams and routing rules over HTTP', () => {
  let service: RunningService;
  let admin: AgentClient;
  let ann: AgentClient;
  let bob: AgentClient;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    admin = await agentClient(service, 'root', ['admin', 'agent'], 'token');
    ann = await agentClient(service, 'ann', ['agent'], 'token');
    bob = await agentClient(service, 'bob', ['agent'], 'token');
  });
  afterEach(async () => service.dispose());

  const handOff = async (text: string) => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text });
    const key = threadKey('sandbox', posted.body.threadId);
    await waitFor(
      async () => {
        const events = (await admin.call('GET', `/api/threads/${key}`)).body?.events as { type: string }[] | undefined;
        return events?.some((e) => e.type === 'routed') ? true : undefined;
      },
      10_000,
      'the routing',
    );
    return key;
  };

  it('only admins change teams and rules; bad input is a clear 4xx', async () => {
    expect((await ann.call('PUT', '/api/teams/billing', { members: ['ann'] })).status).toBe(403);
    expect((await ann.call('PUT', '/api/routing', { text: RULES })).status).toBe(403);
    expect((await admin.call('PUT', '/api/teams/Billing Desk', { members: [] })).status).toBe(400);
    expect((await admin.call('PUT', '/api/teams/all', { members: [] })).status).toBe(400);
    expect(
      (await admin.call('PUT', '/api/teams/billing', { members: ['ann'], webhook: { url: 'http://x.example', format: 'slack' } })).status,
    ).toBe(400);
    expect((await admin.call('PUT', '/api/teams/billing', { members: ['ann'], extra: 1 })).status).toBe(400);
    const refused = await admin.call('PUT', '/api/routing', { text: 'version: 1\nrules:\n  - name: a\n    do: { team: Bad Team }\n' });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([expect.objectContaining({ line: 4, column: 17, path: 'rules.0.do.team' })]);
    const checked = await admin.call('POST', '/api/routing/check', {
      text: "version: 1\nrules:\n  - { name: a, when: { patterns: ['(a+)+'] }, do: { team: b } }\n",
    });
    expect(checked.body.problems[0]).toMatchObject({ line: 3, path: 'rules.0.when.patterns.0' });
  });

  it('routes a handoff to a team, tags, assigns, notifies the team webhook, and filters the queues', async () => {
    const hook = nock('https://hooks.slack.example').post('/billing').reply(200, 'ok');
    expect(
      (
        await admin.call('PUT', '/api/teams/billing', {
          members: ['bob'],
          webhook: { url: 'https://hooks.slack.example/billing', format: 'slack' },
        })
      ).status,
    ).toBe(200);
    expect((await admin.call('PUT', '/api/teams/tech', { members: ['ann'] })).status).toBe(200);
    const teams = (await ann.call('GET', '/api/teams')).body.teams;
    expect(teams).toEqual([
      { name: 'billing', members: ['bob'], webhook: { format: 'slack' } },
      { name: 'tech', members: ['ann'], webhook: null },
    ]);
    expect(JSON.stringify(teams)).not.toContain('hooks.slack.example');
    expect((await admin.call('PUT', '/api/routing', { text: RULES })).body.status.rules).toBe(3);

    const money = await handOff('why was I charged twice on my card?');
    const router = await handOff('my router is dead since this morning, nothing works');
    const vip = await handOff('I am a vip customer and I want a refund now');
    await waitFor(() => (hook.isDone() ? true : undefined), 5000, 'the billing webhook');

    const moneyThread = (await admin.call('GET', `/api/threads/${money}`)).body;
    expect(moneyThread.events.find((e: { type: string }) => e.type === 'route')).toMatchObject({
      actor: 'routing',
      data: { team: 'billing' },
    });
    const routerEvents = (await admin.call('GET', `/api/threads/${router}`)).body.events;
    expect(routerEvents.find((e: { type: string }) => e.type === 'routed').data).toEqual({ rules: ['broken-stuff'], priority: 'high' });
    const vipThread = (await admin.call('GET', `/api/threads/${vip}`)).body.thread;
    expect(vipThread).toMatchObject({ state: 'agent', assignee: 'ann' });

    // Bob (billing) sees billing's queue by default; ann (tech) tech's; all on request.
    const keys = async (c: AgentClient, q = '') =>
      (await c.call('GET', `/api/queue${q}`)).body.threads as { key: string; team: string | null; tags: string[] }[];
    expect((await keys(bob)).map((t) => t.key).sort()).toEqual([money, vip].sort());
    expect((await keys(ann)).map((t) => t.key)).toEqual([router]);
    expect((await keys(ann, '?team=all')).map((t) => t.key).sort()).toEqual([money, router, vip].sort());
    expect((await keys(ann, '?team=billing')).find((t) => t.key === money)).toMatchObject({ team: 'billing', tags: ['money'] });
    expect((await ann.call('GET', '/api/queue?team=Not%20a%20team')).status).toBe(400);

    // An agent moves a thread to another team's queue.
    expect((await ann.call('PUT', `/api/threads/${router}/team`, { team: 'billing' })).body).toEqual({ team: 'billing', changed: true });
    expect((await ann.call('PUT', `/api/threads/${router}/team`, { team: 'nope' })).status).toBe(400);
    expect((await keys(ann)).map((t) => t.key)).toEqual([]);
  });

  it('the dry run replays the recent handoffs against one rule of a draft', async () => {
    expect(
      (await admin.call('PUT', '/api/routing', { text: 'version: 1\nrules:\n  - { name: all, do: { tags: [seen] } }\n' })).status,
    ).toBe(200);
    await handOff('why was I charged twice on my card?');
    await handOff('my router is dead since this morning');
    await handOff('I would like a refund for the router');
    const run = await admin.call('POST', '/api/routing/dry-run', { text: RULES, rule: 'money' });
    expect(run.status).toBe(200);
    expect(run.body.looked).toBe(3);
    expect(run.body.matches.map((m: { text: string }) => m.text).sort()).toEqual([
      'I would like a refund for the router',
      'why was I charged twice on my card?',
    ]);
    expect(run.body.matches.every((m: { decidesTeam: boolean }) => m.decidesTeam)).toBe(true);
    expect((await admin.call('POST', '/api/routing/dry-run', { text: RULES, rule: 'absent' })).status).toBe(404);
    expect((await admin.call('POST', '/api/routing/dry-run', { text: 'version: 3', rule: 'money' })).status).toBe(422);
  });
});
