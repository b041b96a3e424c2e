import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';

// Patterns an admin may well write, that a backtracking engine takes minutes over on a customer's
// crafted post: alternatives that overlap under a repetition, and several unbounded runs in a row.
const RULES = `version: 1
rules:
  - name: overlapping
    when: { patterns: ['^(a|a)*$', '(\\w|\\d)+!'] }
    do: { team: tech }
  - name: runs
    when: { patterns: ['.*.*.*zz', '\\d+\\s*\\d+x'] }
    do: { tags: [runs] }
  - { name: every-handoff, do: { tags: [seen] } }
`;

describe('rule patterns on crafted customer posts', () => {
  let service: RunningService;
  let admin: AgentClient;
  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', SANDBOX_MAX_LENGTH: '2000' });
    admin = await agentClient(service, 'root', ['admin', 'agent'], 'token');
    expect((await admin.call('PUT', '/api/teams/tech', { members: [] })).status).toBe(200);
    const published = await admin.call('PUT', '/api/routing', { text: RULES });
    expect(published.status).toBe(200);
  }, 60_000);
  afterAll(async () => service?.dispose());

  it('refuses what the linear-time matcher cannot run', async () => {
    const refused = await admin.call('PUT', '/api/routing', {
      text: "version: 1\nrules:\n  - { name: a, when: { patterns: ['(?<=order )#\\d+'] }, do: { team: tech } }\n",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.problems[0]).toMatchObject({ path: 'rules.0.when.patterns.0', message: expect.stringMatching(/look-arounds/) });
  });

  it('routes them at once, and the service answers meanwhile', async () => {
    const texts = [`${'a'.repeat(40)}b`, `${'1'.repeat(1_900)}`, `${'a'.repeat(1_900)}`, `why was I charged twice? ${'1'.repeat(40)}!`];
    const keys: string[] = [];
    for (const text of texts) {
      const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text });
      expect(posted.status).toBe(202);
      keys.push(threadKey('sandbox', posted.body.threadId));
    }
    const started = performance.now();
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    const routed = await waitFor(
      async () => {
        const threads = await Promise.all(keys.map(async (k) => (await admin.call('GET', `/api/threads/${k}`)).body));
        const done = threads.every((t) => t?.events?.some((e: { type: string }) => e.type === 'routed'));
        return done ? threads : undefined;
      },
      10_000,
      'the routing',
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    const rules = routed.map((t) => t.events.find((e: { type: string }) => e.type === 'routed').data.rules);
    expect(rules).toEqual([['every-handoff'], ['every-handoff'], ['overlapping', 'every-handoff'], ['overlapping', 'every-handoff']]);
  });
});
