import nock from 'nock';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverX, xChannelEnv, xMentionDelivery } from '../../chaos/x-deliveries.js';
import { startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { createAgent } from './create-agent.js';
import { haveChromium, launchChromium } from './launch-chromium.js';

const API = 'https://api.x.test';
const PASSWORD = 'correct horse battery staple';

// Functions passed to page.evaluate run in the browser (no DOM types in this Node project).
declare const window: { __pwned?: unknown };

/** The console in Chromium: an agent sees which thread lost its reply, and why, as inert text. */
describe.skipIf(!haveChromium)('issue 14 finding 3 — the console shows why a reply could not be sent', () => {
  let service: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    // X refuses the reply for good; its answer carries markup, which must show as text.
    nock(API)
      .post('/2/tweets')
      .times(3)
      .reply(403, { title: 'Forbidden', detail: 'Not allowed <img src=x onerror=window.__pwned=1>', status: 403 });
    service = await startService({ ...xChannelEnv(API), SANDBOX_ENABLED: 'false', UNDERSTANDING: 'keyword' });
    await createAgent(service, 'ann', PASSWORD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('finding 3: the queue marks the thread "reply failed" and the thread view says why', async () => {
    const delivery = xMentionDelivery(3, 78);
    expect(await deliverX(service.url, delivery)).toBe(200);
    await waitFor(
      async () => ((await service.store.getThread('x', delivery.tweetId))?.state === 'waiting' ? true : undefined),
      10_000,
      'the handoff',
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${service.url}/console/login`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);

    const row = page.locator('#queue button.row', {
      has: page.locator('.author', { hasText: `@${JSON.parse(delivery.body).tweet_create_events[0].user.screen_name}` }),
    });
    const badge = row.locator('.badge.reply-failed');
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toBe('reply failed');
    expect(await badge.getAttribute('title')).toMatch(/^reply could not be sent: x refused it: X reply: HTTP 403 /);

    await row.click();
    const reason = page.locator('#thread .reply-failure');
    await reason.waitFor({ timeout: 15_000 });
    expect(await reason.getAttribute('role')).toBe('alert');
    expect(await reason.textContent()).toContain('reply could not be sent: x refused it: X reply: HTTP 403');
    expect(await reason.textContent()).toContain('Not allowed <img src=x onerror=window.__pwned=1>');
    expect(await page.locator('#thread .reply-failure img').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await page.close();
  }, 60_000);
});
