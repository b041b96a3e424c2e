import { createHmac } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createMetaChannel } from '../../../bot/channels/meta/meta-channel.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { fixture } from '../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../helpers/platform-service.js';
import { waitFor } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';
import { haveChromium, launchChromium, watchPageProblems } from '../console/launch-chromium.js';

const SECRET = 'meta-app-secret-for-tests';
const GRAPH = 'https://graph.facebook.test';
const env = { META_APP_SECRET: SECRET, META_VERIFY_TOKEN: 'verify-me', META_PAGE_ACCESS_TOKEN: 'page-token', META_GRAPH_URL: GRAPH };
const COMMENT = '990000000000001_880000000000001';

/** Issue 20 in Chromium: an agent hides a Facebook comment from the thread; Meta's API is the stand-in. */
describe.skipIf(!haveChromium)('hiding a comment in the console', () => {
  const startWith = platformService(env, (s) => createMetaChannel(s.meta!));

  it('hides the customer comment on the platform, marks it in the thread and records who did it; shows it again', async () => {
    nock(GRAPH)
      .post(/^\/v23\.0\/[^/]+\/comments$/)
      .times(5)
      .reply(200, { id: '990000000000001_770000000000001' });
    const moderated: unknown[] = [];
    nock(GRAPH)
      .post(`/v23.0/${COMMENT}`)
      .times(2)
      .reply(200, (_path, body) => {
        moderated.push(body);
        return { success: true };
      });
    const { service } = await startWith();
    const body = JSON.stringify(fixture('meta', 'page-feed-comment'));
    const sign = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const res = await fetch(`${service.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign },
      body,
    });
    expect(res.status).toBe(200);
    await waitFor(async () => ((await storedMentions(service)).length === 1 ? true : undefined), 5000, 'the comment stored');
    const [m] = await storedMentions(service);
    const key = threadKey(m!.channel, m!.threadId);
    await agentClient(service, 'ann');

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      watchPageProblems(page, problems);
      await page.goto(`${service.url}/console/login`);
      await page.fill('#username', 'ann');
      await page.fill('#password', 'ann-password-123');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.live-status.live');
      await page.goto(`${service.url}/console#${encodeURIComponent(key)}`);
      const comment = page.locator(`#thread li.msg.from-customer[data-platform-id="${COMMENT}"]`);
      await comment.locator('button.moderate').waitFor({ timeout: 15_000 });
      expect(await comment.locator('button.moderate').textContent()).toBe('Hide');
      // The bot's reply has no such button: only customers' comments are hidden.
      expect(await page.locator('#thread li.msg.from-bot button.moderate').count()).toBe(0);

      await comment.locator('button.moderate').click();
      await expect.poll(() => moderated.length, { timeout: 10_000 }).toBe(1);
      expect(moderated[0]).toEqual({ is_hidden: true });
      const hidden = page.locator(`#thread li.msg.hidden-comment[data-platform-id="${COMMENT}"]`);
      await hidden.waitFor({ timeout: 10_000 });
      expect(await hidden.locator('.hidden-badge').textContent()).toBe('hidden');
      await page.locator('#thread details.history summary').click();
      await expect.poll(() => page.locator('#thread details.history li').last().textContent()).toMatch(/comment hidden by ann/);

      await hidden.locator('button.moderate', { hasText: 'Show' }).click();
      await expect.poll(() => moderated.length, { timeout: 10_000 }).toBe(2);
      expect(moderated[1]).toEqual({ is_hidden: false });
      await page.locator(`#thread li.msg.from-customer:not(.hidden-comment)[data-platform-id="${COMMENT}"]`).waitFor({ timeout: 10_000 });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
