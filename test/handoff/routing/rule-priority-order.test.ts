import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, type RunningService, startService, waitFor } from '../../helpers/start-service.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { type AgentClient, agentClient } from '../api/agent-client.js';

// Issue 20: a routing rule's `priority` is what the queue ranks the thread by (it replaces the level
// worked out from the text, except that no rule lowers an urgent thread), on both backends.
const RULES = `version: 1
rules:
  - name: second-charge
    when: { keywords: [second charge] }
    do: { priority: urgent }
  - name: calm-lawyers
    when: { keywords: [lawyer] }
    do: { priority: low }
`;

interface Row {
  key: string;
  priorityLevel: string;
  reasons: string[];
}

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`a rule's priority in the queue order (${backend})`, () => {
    let service: RunningService | undefined;
    let prefix = '';
    afterEach(async () => {
      await service?.dispose();
      service = undefined;
      if (backend === 'redis') await deletePrefix(REDIS_URL, prefix);
    });

    it('ranks a thread by the priority its rule set', { timeout: 90_000 }, async () => {
      prefix = `first-reply-test:${randomUUID()}:`;
      service = await startService({ UNDERSTANDING: 'keyword', ...(backend === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}) });
      const root: AgentClient = await agentClient(service, 'root', ['admin', 'agent'], 'token');
      expect((await root.call('PUT', '/api/routing', { text: RULES })).status).toBe(200);
      const keys: string[] = [];
      // Oldest first: time waiting alone would list them in this order.
      for (const text of [
        'why was I charged twice on my card?',
        'I will call my lawyer about this double charge',
        'can someone explain the second charge on my card',
      ]) {
        const posted = await postJson(`${service.url}/sandbox/mentions`, { author: `@c${keys.length}`, text });
        keys.push(threadKey('sandbox', posted.body.threadId));
      }
      const [charged, lawyer, explain] = keys as [string, string, string];
      const queue = () =>
        waitFor(
          async () => {
            const rows = (await root.call('GET', '/api/queue')).body.threads as Row[];
            const raised = rows.find((r) => r.key === explain);
            // A page read while the routing lands can show the rule's label before the thread's new
            // place (ordered, then summarized): the queue is judged once both have settled.
            const settled = rows.length === 3 && raised?.priorityLevel === 'urgent' && rows.at(-1)?.key === charged;
            return settled ? rows : undefined;
          },
          20_000,
          'the three handoffs routed, the charged-twice thread last',
        );
      const rows = await queue();
      const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
      // Raised by its rule to urgent: above the charged-twice thread (high from its text).
      expect(byKey[explain]!.reasons[0]).toBe('Urgent priority (routing rule)');
      expect(byKey[charged]!.priorityLevel).toBe('high');
      // A legal threat stays urgent whatever a rule says.
      expect(byKey[lawyer]!.priorityLevel).toBe('urgent');
      const order = rows.map((r) => r.key);
      expect(order.indexOf(explain)).toBeLessThan(order.indexOf(charged));
      expect(order.indexOf(lawyer)).toBeLessThan(order.indexOf(charged));
    });
  });
}
