import { createHmac } from 'node:crypto';
// nock first: it patches Node's http client before the channel's HTTP module keeps a reference to it.
import 'nock';
import { createThreadsChannel } from '../../../../bot/channels/threads/threads-channel.js';
import { rawFixture } from '../../../fixtures/load-fixture.js';
import type { RunningService } from '../../../helpers/start-service.js';
import { channelContract } from '../channel-contract.js';
import { threadsEnv, threadsStandIn } from '../threads/threads-stand-in.js';

const body = rawFixture('threads', 'replies-webhook');
const sign = (raw: string, secret = threadsEnv.THREADS_APP_SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

async function deliver(service: RunningService, raw: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-hub-signature-256'] = signature;
  return (await fetch(`${service.url}/webhooks/threads`, { method: 'POST', headers, body: raw })).status;
}

channelContract({
  name: 'threads',
  env: threadsEnv,
  create: (s) => createThreadsChannel(s.threads!),
  standIn: threadsStandIn,
  async deliver({ service }) {
    const status = await deliver(service, body, sign(body));
    if (status !== 200) throw new Error(`the webhook answered ${status}`);
  },
  expected: {
    channel: 'threads',
    platformId: '18050000000000101',
    threadId: '18050000000000101',
    author: '@ann.example',
    text: 'my parcel is two weeks late',
  },
  replyUnder: '18050000000000101',
  async forged(start) {
    const { service } = await start();
    const statuses = [
      await deliver(service, body),
      await deliver(service, body, sign(body, 'not-the-secret')),
      await deliver(service, body, 'sha256=zz'),
      await deliver(service, body.replace('two weeks', 'six weeks'), sign(body)),
    ];
    return { service, statuses };
  },
});
