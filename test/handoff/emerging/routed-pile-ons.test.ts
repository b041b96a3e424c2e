import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { agentClient, type AgentClient, waitForThreadState } from '../api/agent-client.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// A wave that spreads in replies, on the real service (local understanding, SQLite, the sandbox): the
// first complaint is handed off and its thread waits for a person, so the customers piling on under it
// are routed to that thread, not handed off. They are the incident all the same: they are grouped.

const COMPLAINT = 'my gift card balance vanished after I redeemed it at checkout';
const PILE_ON = [
  'same here, gift card balance gone after redeeming it at checkout',
  'redeemed my gift card at checkout and the balance vanished too',
  'the gift card balance disappeared after redeeming at checkout today, me too',
];

describe('emerging incidents from replies in a waiting thread', () => {
  let service: RunningService;
  let ann: AgentClient;
  let thread: string;

  beforeAll(async () => {
    service = await startService({ EMERGING_MIN_SIZE: '4', EMERGING_MIN_AUTHORS: '3' });
    ann = await agentClient(service, 'ann', ['agent'], 'token');
    const first = await postJson(`${service.url}/sandbox/mentions`, { author: '@customer0', text: `@acme ${COMPLAINT}` });
    thread = first.body.threadId;
    // Its thread waits for a person before anyone piles on.
    await waitForThreadState(ann, threadKey('sandbox', thread), 'waiting', 'the complaint handed off', 30_000);
    for (const [i, text] of PILE_ON.entries())
      await postJson(`${service.url}/sandbox/mentions`, {
        author: `@customer${i + 1}`,
        text: `@acme ${text}`,
        inReplyTo: first.body.postId,
      });
  }, 60_000);
  afterAll(() => service?.dispose());

  it('raises one group of the complaint and the routed pile-ons, all in its one thread', async () => {
    const groups = await waitFor(
      async () => {
        const r = await ann.call('GET', '/api/emerging');
        return r.body.groups?.length ? r.body.groups : undefined;
      },
      20_000,
      'a raised group',
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ size: 4, authors: 4, threads: 1 });
    const t = (await ann.call('GET', `/api/threads/${threadKey('sandbox', thread)}`)).body;
    expect(t.thread.state).toBe('waiting');
  });
});
