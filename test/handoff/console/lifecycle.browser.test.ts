import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './require-chromium.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { createAgent } from './create-agent.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

const PASSWORD = 'correct horse battery staple';

// Functions passed to page.evaluate run in the browser (no DOM types in this Node project).
declare const window: { __pwned?: unknown };
declare const document: { activeElement: { textContent: string | null } | null };

/** Issue 17, lifecycle, in Chromium: a follow-up, the unread marker, the next-reply SLA, the confirmation, native replies. */
describe.skipIf(!haveChromium)('issue 17 lifecycle in the console', () => {
  let service: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', HUMAN_NEXT_REPLY_TARGET_MINUTES: '20' });
    await createAgent(service, 'ann', PASSWORD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const signIn = async (problems: string[]): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console/login`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);
    return page;
  };
  const handOff = async (author: string, text: string) => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    await waitFor(
      async () => ((await service.store.getThread('sandbox', posted.body.threadId))?.state === 'waiting' ? true : undefined),
      10_000,
      'the handoff',
    );
    return {
      key: threadKey('sandbox', posted.body.threadId),
      threadId: posted.body.threadId as string,
      postId: posted.body.postId as string,
    };
  };
  const row = (page: Page, author: string) => page.locator('#queue button.row', { has: page.locator('.author', { hasText: author }) });

  it('a follow-up after the agent replied: "new" and "customer replied" in the queue, the next-reply SLA, its filter; opening it reads it; handing back asks first', async () => {
    const problems: string[] = [];
    const { threadId, postId } = await handOff('@carol', 'why was I charged twice on my card?');
    const page = await signIn(problems);
    await row(page, '@carol').click();
    await page.click('#thread button[data-action="claim"]');
    await page.fill('#reply-text', 'Sorry Carol, checking it now.');
    await page.click('#thread .reply-box button[type="submit"]');
    await expect.poll(() => page.locator('#thread .msg.from-agent').count(), { timeout: 10_000 }).toBe(1);
    // ann looks at the queue, no thread open; the customer writes again (with markup, which must stay text).
    await page.goto(`${service.url}/console`);
    const followUp = 'charged a THIRD time now <img src=x onerror=window.__pwned=1>';
    await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: followUp, inReplyTo: postId });

    const carol = row(page, '@carol');
    await carol.locator('.badge.unread').waitFor({ timeout: 15_000 });
    expect(await carol.locator('.badge.unread').textContent()).toBe('new');
    expect(await carol.locator('.badge.replied').textContent()).toBe('customer replied');
    const sla = carol.locator('.badge.sla');
    expect(await sla.textContent()).toMatch(/^Next reply (19|20)m$/);
    expect(await sla.getAttribute('title')).toBe('Next-reply target 20m (business hours)');
    expect(await carol.locator('.row-text').textContent()).toBe(followUp);
    // The view tabs above the queue: "Customer replied" with its count.
    const repliedView = page.locator('nav.views button.view[data-view="replied"]');
    await expect.poll(() => repliedView.locator('.view-count').textContent()).toBe('1');
    await repliedView.click();
    await expect.poll(() => page.locator('#queue button.row').count()).toBe(1);

    // Opening the thread reads it: the marker goes, the follow-up stays unanswered.
    await carol.click();
    await page.locator('#thread .thread-meta .badge.replied').waitFor();
    await expect.poll(() => carol.locator('.badge.unread').count(), { timeout: 10_000 }).toBe(0);
    expect((await service.store.getThread('sandbox', threadId))?.state).toBe('agent');

    // Hand back: asked in the page; Escape keeps the thread; confirmed from the keyboard, it goes to the bot.
    await page.click('#thread button[data-action="hand-back"]');
    const dialog = page.locator('dialog.confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Hand back to the bot without answering?');
    expect(await dialog.locator('.confirm-quote p').textContent()).toBe(followUp);
    expect(await dialog.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await service.store.getThread('sandbox', threadId))?.state).toBe('agent');
    await page.click('#thread button[data-action="hand-back"]');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hand back anyway');
    await page.keyboard.press('Enter');
    await waitFor(
      async () => ((await service.store.getThread('sandbox', threadId))?.state === 'bot' ? true : undefined),
      10_000,
      'the confirmed hand back',
    );
    await expect.poll(() => page.locator('#thread .thread-meta .badge').first().textContent(), { timeout: 10_000 }).toBe('bot');
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('a reply the brand posts natively resolves the thread: it leaves the queue and the thread says resolved', async () => {
    const problems: string[] = [];
    const { key, postId } = await handOff('@dave', 'my invoice shows a fee I never agreed to');
    const page = await signIn(problems);
    await row(page, '@dave').waitFor({ timeout: 15_000 });
    await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: 'Hi Dave, Sam here: refunded the fee.', inReplyTo: postId });
    await expect.poll(() => row(page, '@dave').count(), { timeout: 15_000 }).toBe(0);
    // A fresh load of the thread's link (today's console reads the hash once, at load).
    await page.goto('about:blank');
    await page.goto(`${service.url}/console#${key}`);
    await page.locator('#thread .thread-meta').waitFor();
    expect(await page.locator('#thread .thread-meta .badge').first().textContent()).toBe('resolved');
    expect(await page.locator('#thread .thread-meta').textContent()).toContain('platform:@acme');
    expect(await page.locator('#thread .msg.from-brand .msg-text').textContent()).toBe('Hi Dave, Sam here: refunded the fee.');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
