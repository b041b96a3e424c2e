import { afterEach, describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../config/parse-business-hours.js';
import { parseRouting } from '../../../config/routing/load-routing.js';
import { routeMention } from '../../../handoff/routing/apply-routing.js';
import { compileRules } from '../../../handoff/routing/compile-rules.js';
import type { HandoffStore } from '../../../store/handoff-store.js';
import type { Store } from '../../../store/store.js';
import { sqliteHandoffBackend } from '../../store/handoff-backends.js';
import type { HandoffBackend } from '../../store/handoff-store-contract.js';
import { mention } from '../../store/store-contract.js';

// Issue 20: a rule's `assign` respects the agent's workload cap (the thread stays in the queue), and
// a rule's priority is kept on the thread for the queue, cleared by a new handoff no rule sets one for.
const rules = compileRules(
  parseRouting(`version: 1
rules:
  - name: for-dan
    when: { keywords: [ask dan] }
    do: { assign: dan, priority: high }
`).routing,
);

describe("a rule's assign and priority on the store", () => {
  let backend: HandoffBackend;
  let store: Store;
  let handoff: HandoffStore;
  afterEach(async () => {
    await store.close();
    await backend.dispose();
  });

  const setUp = async (cap: number | undefined) => {
    backend = sqliteHandoffBackend();
    ({ store, handoff } = await backend.open());
    const warnings: string[] = [];
    const deps = {
      handoff,
      rules: () => rules,
      hours: parseBusinessHours('Mon-Sun 00:00-24:00', 'UTC'),
      isAgent: async () => true,
      claimCap: async () => cap,
      notifyTeam: async () => {},
      log: { info: () => {}, warn: (_o: object, msg: string) => void warnings.push(msg) },
      now: () => 1_000,
    };
    /** Hands a thread off with this text and routes it as the service does. */
    const route = async (threadId: string, text: string) => {
      await store.acceptMention(mention(`m-${threadId}`, { threadId, text }), 1, 61);
      const [m] = await store.claimMentions(1, 2, 1000);
      const outcome = {
        status: 'handed_off' as const,
        decision: { reason: 'not_understood' },
        replies: [{ text: 'A person will answer here.', kind: 'acknowledgement' as const }],
        threadState: 'waiting' as const,
      };
      await store.commitTurn(m!, outcome, 10);
      await routeMention(deps, { ...m!, decision: outcome.decision }, 'handoff');
      return (await handoff.getThread('sandbox', threadId))!;
    };
    return { route, warnings };
  };

  it('assigns under the cap; at it, leaves the thread in the queue and says why', async () => {
    const { route, warnings } = await setUp(1);
    expect(await route('t1', 'please ask dan about my order')).toMatchObject({ state: 'agent', assignee: 'dan', routedPriority: 'high' });
    expect(await route('t2', 'ask dan again')).toMatchObject({ state: 'waiting', assignee: null, routedPriority: 'high' });
    expect(warnings).toEqual(['routing: the agent is at their cap, thread left in the queue']);
  });

  it('without a cap the rule assigns every time', async () => {
    const { route } = await setUp(undefined);
    expect((await route('t1', 'ask dan')).assignee).toBe('dan');
    expect((await route('t2', 'ask dan too')).assignee).toBe('dan');
  });
});
