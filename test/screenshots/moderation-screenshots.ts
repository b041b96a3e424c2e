// Screenshots of a Facebook comment hidden from the console (issue 20, moderation), wide (1280×900)
// and narrow (390×844), Meta's API stood in for by nock:
//   npm run screenshots -- moderation
// Writes artifacts/moderation-{wide,narrow}.png.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { createMetaChannel } from '../../bot/channels/meta/meta-channel.js';
import { loadChannelSettings } from '../../config/channel-settings.js';
import { threadKey } from '../../handoff/thread-key.js';
import { fixture } from '../fixtures/load-fixture.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { repoRoot, startService, waitFor } from '../helpers/start-service.js';

const SECRET = 'meta-app-secret';
const GRAPH = 'https://graph.facebook.test';
const env = {
  META_APP_SECRET: SECRET,
  META_VERIFY_TOKEN: 'verify-me',
  META_PAGE_ACCESS_TOKEN: 'page-token',
  META_GRAPH_URL: GRAPH,
  SANDBOX_ENABLED: 'false',
  UNDERSTANDING: 'keyword',
};
nock.disableNetConnect();
nock.enableNetConnect('127.0.0.1');
nock(GRAPH)
  .post(/^\/v23\.0\/[^/]+\/comments$/)
  .times(5)
  .reply(200, { id: '990000000000001_770000000000001' });
nock(GRAPH)
  .post(/^\/v23\.0\/[\w]+$/)
  .times(5)
  .reply(200, { success: true });

const service = await startService(env, { channels: [createMetaChannel(loadChannelSettings(env).meta!)] });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });
try {
  const delivery = fixture('meta', 'page-feed-comment');
  delivery.entry[0].changes[0].value.message = 'your product is garbage, buy cheap followers at spam.example instead';
  const body = JSON.stringify(delivery);
  const sign = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  await fetch(`${service.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign },
    body,
  });
  const m = await waitFor(async () => (await service.store.getMention(1)) ?? undefined, 10_000, 'the comment');
  const key = threadKey(m!.channel, m!.threadId);
  const ann = await agentClient(service, 'ann');
  await ann.call('POST', `/api/threads/${key}/comments/${m!.platformId}/hide`);
  for (const [label, width, height] of [
    ['wide', 1280, 900],
    ['narrow', 390, 844],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
    await page.context().addCookies([{ name: 'first_reply_session', value: ann.cookie.split('=')[1]!, url: service.url }]);
    await page.goto(`${service.url}/console#${encodeURIComponent(key)}`);
    await page.locator('#thread li.msg.hidden-comment button.moderate').waitFor();
    await page.locator('#thread details.history summary').click();
    await page.screenshot({ path: path.join(out, `moderation-${label}.png`) });
    process.stdout.write(`wrote artifacts/moderation-${label}.png\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await service.dispose();
}
