import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { agentClient, type AgentClient, waitForThreadState } from '../api/agent-client.js';
import { standInChannel } from '../stand-in-channel.js';
import { startService, type RunningService } from '../../helpers/start-service.js';

// A customer's long post (a Mastodon instance may allow 100,000 characters) ending in one unbroken run
// of "x." pairs: marking a suggestion wrong strips the post to keep it as a candidate, and that must
// not hold the service (every mention, every console) for seconds.
describe('learning from a long handed-off mention', () => {
  let service: RunningService;
  let ann: AgentClient;
  let key: string;

  beforeAll(async () => {
    const platform = standInChannel();
    service = await startService({ UNDERSTANDING: 'keyword' }, { channels: [platform.channel] });
    ann = await agentClient(service, 'ann', ['agent', 'editor'], 'token');
    const { threadId } = await platform.mention('@carol', `why was I charged twice? ${'x.'.repeat(50_000)}`);
    key = threadKey('standin', threadId);
    await waitForThreadState(ann, key, 'waiting', 'the handoff', 15_000);
  }, 60_000);
  afterAll(() => service?.dispose());

  it('records the wrong mark in well under a second', async () => {
    const started = performance.now();
    const res = await ann.call('POST', `/api/threads/${key}/suggestions/wrong`, { entryId: 'parcel-delays' });
    const took = performance.now() - started;
    expect(res).toEqual({ status: 200, body: { recorded: true } });
    expect(took).toBeLessThan(1_500);
    const candidates = await ann.call('GET', '/api/knowledge/candidates');
    expect(JSON.stringify(candidates.body)).toContain('why was I charged twice?');
  });
});
