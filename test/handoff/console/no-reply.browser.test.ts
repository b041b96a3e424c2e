import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

// Functions passed to page.evaluate run in the browser (no DOM types in this Node project).
declare const window: { __pwned?: unknown };
declare const document: { documentElement: { scrollWidth: number } };

const EARLIER = 52;

/** Issue 15 in Chromium: the No reply page as agents use it, and a thanks in a thread a person owns. */
describe.skipIf(!haveChromium)('issue 15 — the console’s No reply page', () => {
  let service: RunningService;
  let browser: Browser;
  const threads: Record<string, string> = {};
  const problems: string[] = [];

  const post = async (author: string, text: string, inReplyTo?: string) => {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text, ...(inReplyTo ? { inReplyTo } : {}) });
    expect(res.status).toBe(202);
    return res.body as { threadId: string; postId: string };
  };
  const decided = () =>
    waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 20_000, 'all decided');
  const signIn = async (name: string, next: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
    await agentClient(service, name); // creates the user with the password `${name}-password-123`
    const page = await browser.newPage({ viewport });
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console/login?next=${encodeURIComponent(next)}`);
    await page.fill('#username', name);
    await page.fill('#password', `${name}-password-123`);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}${next}`);
    return page;
  };

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true' });
    browser = await launchChromium();
    // More than a page, older than the ones looked at below.
    for (let i = 0; i < EARLIER; i++) await post(`@early${i}`, '@acme 🙂');
    const latest: [string, string][] = [
      ['@ann', '@acme <img src=x onerror=window.__pwned=true> thanks!'],
      ['@bob', '@acme thank\u202Eyou\u202C, legends \u200B\u200Bcheers'],
      ['@cy', '@acme 👍'],
      ['@di', '@acme why was I charged twice on my card?'],
    ];
    for (const [author, text] of latest) threads[author] = (await post(author, text)).threadId;
    await decided();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('lists them newest first with reason, courtesy reply and time, text as inert, visible characters; filters; pages', async () => {
    const page = await signIn('ann', '/console/no-reply');
    const items = page.locator('#no-reply-list .nr-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(50);
    expect(await items.locator('.author').evaluateAll((n) => n.slice(0, 4).map((e) => e.textContent))).toEqual([
      '@cy',
      '@bob',
      '@ann',
      '@early51',
    ]);

    const thanks = items.nth(2);
    expect(await thanks.locator('.reason').textContent()).toBe('thanks/praise');
    expect(await thanks.locator('.nr-text').textContent()).toBe('@acme <img src=x onerror=window.__pwned=true> thanks!');
    expect(await thanks.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await thanks.locator('.nr-courtesy').textContent()).toMatch(/^(Replied|Replying \(queued\)): Glad we could help, @ann!$/);
    expect(await thanks.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await thanks.locator('.channel').textContent()).toBe('sandbox');
    // The bidi override and zero-width spaces never reach the page.
    expect(await items.nth(1).locator('.nr-text').textContent()).toBe('@acme thankyou, legends cheers');
    expect(await items.nth(0).locator('.reason').textContent()).toBe('noise');
    expect(await items.nth(0).locator('.nr-courtesy').textContent()).toBe('No reply sent.');
    // The mention that needed a person is in the queue, not here.
    expect(await page.locator('.nr-item .author', { hasText: '@di' }).count()).toBe(0);

    await page.click('#no-reply-list .more-button');
    await waitFor(async () => ((await items.count()) === EARLIER + 3 ? true : undefined), 10_000, 'the second page');
    expect(await page.locator('#no-reply-list .more').count()).toBe(0);
    const ids = await items.evaluateAll((n) => n.map((e) => e.getAttribute('data-id')));
    expect(new Set(ids).size).toBe(ids.length);

    await page.selectOption('#no-reply-filter', 'courtesy');
    await waitFor(async () => ((await items.count()) === 2 ? true : undefined), 10_000, 'the filter');
    expect(await items.locator('.author').allTextContents()).toEqual(['@bob', '@ann']);
    await page.selectOption('#no-reply-filter', 'spam');
    await page.locator('#no-reply-list .empty', { hasText: 'None with this filter.' }).waitFor();
    await page.close();
  }, 60_000);

  it('an agent hands one to the queue: it shows in every console at once, with its thread; another agent sees who did it', async () => {
    const ann = await signIn('ann', '/console/no-reply');
    const bob = await signIn('bob', '/console/no-reply');
    const queue = await signIn('cat', '/console');
    await queue.waitForSelector('.live-status.live');
    await bob.waitForSelector('.live-status.live');
    const key = threadKey('sandbox', threads['@cy']!);
    expect(await queue.locator(`#queue button.row[data-key="${key}"]`).count()).toBe(0);

    const row = ann.locator('.nr-item', { has: ann.locator('.author', { hasText: '@cy' }) });
    await row.locator('button.hand-off').click();
    await row.locator('.done', { hasText: 'Handed to the queue by ann' }).waitFor();
    expect(await row.locator('button.hand-off').count()).toBe(0);
    expect(await ann.locator('#notice').textContent()).toBe('Handed to the queue.');
    expect(await row.locator('a.open').evaluate((a) => a === a.ownerDocument.activeElement)).toBe(true);

    // Live elsewhere: the queue lists it, and another agent's No reply page shows it handed off.
    await queue.locator(`#queue button.row[data-key="${key}"]`).waitFor({ timeout: 10_000 });
    await bob
      .locator('.nr-item', { has: bob.locator('.author', { hasText: '@cy' }) })
      .locator('.done', { hasText: 'by ann' })
      .waitFor({ timeout: 10_000 });

    await row.locator('a.open').click();
    await ann.waitForURL(`${service.url}/console#${encodeURIComponent(key)}`);
    await ann.locator('#thread .msg').first().waitFor();
    expect(await ann.locator('#thread .msg-text').allTextContents()).toEqual(['@acme 👍']);
    await ann.locator('#thread .history summary').click();
    expect(await ann.locator('#thread .history li', { hasText: 'hand off' }).textContent()).toContain('by ann');
    for (const p of [ann, bob, queue]) await p.close();
  }, 60_000);

  it('a thanks in a thread a person owns is shown to that person and never answered by the bot', async () => {
    const first = await post('@eve', '@acme why was I charged twice on my card?');
    await decided();
    const dan = await agentClient(service, 'dan');
    const key = threadKey('sandbox', first.threadId);
    expect((await dan.call('POST', `/api/threads/${key}/claim`, {})).status).toBe(200);
    const page = await signIn('dan', `/console#${encodeURIComponent(key)}`);
    await page.waitForSelector('.live-status.live');
    await page.locator('#thread .msg').first().waitFor();

    await post('@eve', 'thanks so much!', first.postId);
    await page.locator('#thread .msg-text', { hasText: 'thanks so much!' }).waitFor({ timeout: 10_000 });
    await decided();
    expect((await service.store.getThread('sandbox', first.threadId))?.state).toBe('agent');
    // Nothing from the bot after the acknowledgement of the first mention, and not in the no-reply list.
    const posts = (
      (await (await fetch(`${service.url}/sandbox/threads/${encodeURIComponent(first.threadId)}`)).json()) as {
        posts: { fromBrand: boolean }[];
      }
    ).posts;
    expect(posts.filter((p) => p.fromBrand)).toHaveLength(1);
    const listed = (await dan.call('GET', '/api/no-reply?limit=200')).body as { mentions: { author: string }[] };
    expect(listed.mentions.filter((m) => m.author === '@eve')).toEqual([]);
    await page.close();
  }, 60_000);

  it('fits a phone: no sideways scrolling, the hand-off button in reach', async () => {
    const page = await signIn('fay', '/console/no-reply', { width: 390, height: 844 });
    await page.locator('.nr-item').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await page.locator('.nr-item button.hand-off').first().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(box!.height).toBeGreaterThanOrEqual(28);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
