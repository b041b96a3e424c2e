import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from './create-agent.js';
import { CHROMIUM, haveChromium, launchChromium } from './launch-chromium.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// Issue 14 finding 11 in a real browser: bidi overrides and other invisible characters in what a
// customer wrote (or in an author stored before names were checked) are not shown raw, and never
// go out in a public reply; the stored text keeps them.
if (!haveChromium) console.warn(`console bidi browser test skipped: ${CHROMIUM} is not installed`);

const PASSWORD = 'correct horse battery staple';
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060\uFEFF]/;
const TEXT = 'why was I charged twice? see invoice\u202Egnp.exe and ask @\u202Eevil\u202C_rtl \u200Bnow 👩‍👩‍👧';
const SHOWN = 'why was I charged twice? see invoicegnp.exe and ask @evil_rtl now 👩‍👩‍👧';

interface SandboxThread {
  posts: { author: string; text: string; fromBrand: boolean }[];
}

describe.skipIf(!haveChromium)('issue 14 finding 11 — the console and public replies neutralise bidi and invisible characters', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    service = await startService({ SANDBOX_ENABLED: 'true' });
    await createAgent(service, 'ann', PASSWORD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('finding 11: the queue and thread show "@evil_rtl", not "@live_rtl"; the acknowledgement and the agent reply carry no bidi control', async () => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@mallory', text: TEXT });
    expect(posted.status).toBe(202);
    // An author stored before names were checked (or by a platform that allows anything).
    await service.store.acceptMention(
      {
        channel: 'sandbox',
        platformId: 'legacy-1',
        threadId: 'legacy-1',
        author: '@\u202Eevil\u202C_rtl',
        text: 'why was I charged twice? legacy',
        createdAt: new Date().toISOString(),
      },
      Date.now(),
      Date.now() + 60_000,
    );

    await page.goto(`${service.url}/console/login?next=/console`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);

    const legacy = page.locator('#queue button.row', { has: page.locator('.author', { hasText: '@evil_rtl' }) });
    await legacy.waitFor({ timeout: 15_000 });
    expect(await legacy.locator('.author').textContent()).toBe('@evil_rtl');

    const mallory = page.locator('#queue button.row', { has: page.locator('.author', { hasText: '@mallory' }) });
    await mallory.waitFor({ timeout: 15_000 });
    expect(BIDI.test((await mallory.textContent()) ?? '')).toBe(false);
    await mallory.click();
    const customer = page.locator('#thread .msg.from-customer .msg-text').first();
    await customer.waitFor();
    expect(await customer.textContent()).toBe(SHOWN);
    // Nothing anywhere on the page holds a bidi or invisible formatting character.
    expect(BIDI.test(await page.locator('body').innerText())).toBe(false);

    // The stored text is kept whole.
    const stored = await service.store.getMention(posted.body.mentionId);
    expect(stored?.text).toBe(TEXT);

    // The agent replies with the same trick: the post on the platform carries none of it.
    await page.keyboard.press('c');
    const box = page.locator('#reply-text');
    await expect.poll(() => box.isEnabled()).toBe(true);
    await box.fill('Refund sent to \u202Eevil\u202C_rtl, thank you 👩‍👩‍👧');
    await page.keyboard.press('Control+Enter');
    const posts = await waitFor(
      async () => {
        const thread = (await (await fetch(`${service.url}/sandbox/threads/${posted.body.threadId}`)).json()) as SandboxThread;
        return thread.posts.filter((p) => p.fromBrand).length >= 2 ? thread.posts : undefined;
      },
      15_000,
      'the acknowledgement and the agent reply',
    );
    const fromBrand = posts.filter((p) => p.fromBrand).map((p) => p.text);
    for (const text of fromBrand) expect(BIDI.test(text), text).toBe(false);
    expect(fromBrand).toContain('Refund sent to evil_rtl, thank you 👩‍👩‍👧');
  }, 120_000);
});
