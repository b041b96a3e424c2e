import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

declare const window: { __pwned?: unknown; getComputedStyle(e: unknown): { backgroundColor: string; borderStyle: string } };

/** Issue 17 in Chromium: view tabs with counts, search with each filter, internal notes kept from the platform. */
describe.skipIf(!haveChromium)('issue 17 — views, search and internal notes in the console', () => {
  let service: RunningService;
  let browser: Browser;
  let ann: AgentClient;
  const threads: Record<string, string> = {};
  const problems: string[] = [];

  const post = async (author: string, text: string) => {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    expect(res.status).toBe(202);
    threads[author] = res.body.threadId;
  };
  const key = (author: string) => threadKey('sandbox', threads[author]!);
  const signIn = async (viewport = { width: 1280, height: 900 }): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console/login?next=${encodeURIComponent('/console')}`);
    await page.fill('#username', 'ann');
    await page.fill('#password', 'ann-password-123');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);
    await page.locator('#queue .row').first().waitFor();
    return page;
  };
  const authors = (page: Page) => page.locator('#search-results .row .author').allTextContents();
  const searchFor = async (page: Page, q: string, filters: Record<string, string> = {}) => {
    const box = page.locator('details.search-filters');
    if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
    for (const name of ['state', 'priority']) await page.selectOption(`.search-field select[name="${name}"]`, filters[name] ?? '');
    for (const name of ['channel', 'topic', 'language', 'assignee'])
      await page.fill(`.search-field input[name="${name}"]`, filters[name] ?? '');
    await page.fill('#search-q', q);
    const answered = page.waitForResponse((r) => r.url().includes('/api/search'));
    await page.press('#search-q', 'Enter');
    await answered;
    await page.locator('#search-results li').first().waitFor();
    return authors(page);
  };

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true' });
    browser = await launchChromium();
    await post('@ann', '@acme my parcel is two weeks late');
    await post('@bob', '@acme why was I charged twice on my card?');
    await post('@cy', '@acme bonjour, mon colis est perdu depuis une semaine, aidez-moi svp');
    await post('@di', '@acme thanks so much, you rock!');
    await post('@ed', '@acme I want a refund, the app crashed and lost my order');
    await waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 20_000, 'all decided');
    ann = await agentClient(service, 'ann');
    // Ed's thread: claimed and resolved by ann.
    expect((await ann.call('POST', `/api/threads/${key('@ed')}/claim`, {})).status).toBe(200);
    expect((await ann.call('POST', `/api/threads/${key('@ed')}/resolve`, {})).status).toBe(200);
    // Cy's thread: claimed by ann (mine).
    expect((await ann.call('POST', `/api/threads/${key('@cy')}/claim`, {})).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('shows each view with its count; resolved threads are found and open', async () => {
    const page = await signIn();
    const count = (view: string) => page.locator(`.views [data-view="${view}"] .view-count`).textContent();
    await waitFor(async () => ((await count('resolved')) === '1' ? true : undefined), 5000, 'counts');
    expect(await count('open')).toBe('2');
    expect(await count('waiting')).toBe('1');
    expect(await count('mine')).toBe('1');
    expect(await count('closed')).toBe('0');
    expect(await page.locator('.views a[href="/console/no-reply"] .view-count').textContent()).toBe('1');

    await page.click('.views [data-view="waiting"]');
    await waitFor(
      async () => ((await page.locator('#queue .row .author').allTextContents()).join() === '@bob' ? true : undefined),
      5000,
      'waiting',
    );
    expect(await page.locator('.views [data-view="waiting"]').getAttribute('aria-pressed')).toBe('true');

    await page.click('.views [data-view="resolved"]');
    await page.locator('#search-results .row').first().waitFor();
    expect(await page.locator('#queue').isHidden()).toBe(true);
    expect(await authors(page)).toEqual(['@ed']);
    await page.click('#search-results .row');
    await waitFor(async () => ((await page.locator('#thread-title').textContent())?.includes('@ed') ? true : undefined), 5000, 'thread');
    expect(await page.locator('.thread-meta .badge').first().textContent()).toBe('resolved');

    await page.click('.views [data-view="open"]');
    expect(await page.locator('#queue').isVisible()).toBe(true);
    expect(await page.locator('#search-results').isHidden()).toBe(true);
    await page.close();
  });

  it('searches mentions and replies, with each filter, and marks the words found', async () => {
    const page = await signIn();
    expect(await searchFor(page, 'charged')).toEqual(['@bob']);
    expect(await page.locator('#search-results mark').first().textContent()).toBe('charged');
    // A reply's words: the bot's answer to Ann.
    expect(await searchFor(page, 'carrier backlog')).toEqual(['@ann']);
    expect(await searchFor(page, 'acme', { state: 'resolved' })).toEqual(['@ed']);
    expect(await searchFor(page, 'acme', { priority: 'high' })).toContain('@bob');
    expect(await searchFor(page, 'acme', { channel: 'x' })).toEqual([]);
    expect((await searchFor(page, 'acme', { channel: 'sandbox' })).length).toBe(5);
    expect(await searchFor(page, '', { language: 'fr' })).toEqual(['@cy']);
    expect(await searchFor(page, '', { assignee: 'ann', state: 'agent' })).toEqual(['@cy']);
    const topic = (await ann.call('GET', '/api/search?q=parcel')).body.threads[0]?.topic as string | null;
    if (topic) expect(await searchFor(page, '', { topic })).toContain('@ann');
    // Odd input never breaks the page.
    expect(await searchFor(page, '"NEAR( * OR')).toEqual([]);
    expect(await page.locator('#search-results .empty').textContent()).toBe('No thread matches.');
    await page.close();
  });

  it('notes: shown in the thread styled apart, searchable, never sent to the platform', async () => {
    const page = await signIn();
    await page.click(`#queue .row[data-key="${key('@bob')}"]`);
    await page.locator('.note-box summary').click();
    await page.fill('#note-text', 'Finance approved the refund <img src=x onerror=window.__pwned=1>');
    await page.click('.note-form button[type="submit"]');
    const note = page.locator('ol.transcript li.note');
    await note.waitFor();
    expect(await note.locator('.msg-text').textContent()).toBe('Finance approved the refund <img src=x onerror=window.__pwned=1>');
    expect(await note.locator('.note-tag').textContent()).toBe('Internal note');
    expect(await note.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    const look = (sel: string) =>
      page
        .locator(sel)
        .first()
        .evaluate((e) => {
          const s = window.getComputedStyle(e);
          return `${s.backgroundColor} ${s.borderStyle}`;
        });
    expect(await look('ol.transcript li.note')).not.toBe(await look('ol.transcript li.from-bot'));
    expect(await look('ol.transcript li.note')).toContain('dashed');

    expect(await searchFor(page, 'finance')).toEqual(['@bob']);
    // The platform stand-in (the sandbox thread) holds the customer's post and the bot's reply, never the note.
    const platform = await (await fetch(`${service.url}/sandbox/threads/${threads['@bob']}`)).text();
    expect(platform).toContain('charged twice');
    expect(platform).not.toMatch(/finance/i);
    expect(problems).toEqual([]);
    await page.close();
  });
});
