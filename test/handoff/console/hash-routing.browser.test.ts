import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { createAgent } from './create-agent.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';
import './require-chromium.js';

const PASSWORD = 'correct horse battery staple';
const THREADS = 16;

// Functions passed to page.evaluate run in the browser (no DOM types in this Node project).
declare const window: { __sameDocument?: boolean; innerHeight: number; location: { hash: string } };
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

/**
 * Issue 17: `/console#<thread>` links and the back and forward buttons in an open tab, the queue's
 * density on a laptop screen, and one pane at a time on a phone.
 */
describe.skipIf(!haveChromium)('issue 17 hash routing and density in Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let context: BrowserContext;
  let keys: string[];
  const problems: string[] = [];

  beforeAll(async () => {
    // Its many alike handoffs would raise an emerging-incident banner above the rows (tested on its own).
    service = await startService({ UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'true', EMERGING_INCIDENTS: 'false' });
    await createAgent(service, 'ann', PASSWORD);
    for (let i = 0; i < THREADS; i++)
      expect(
        (await postJson(`${service.url}/sandbox/mentions`, { author: `@route${i}`, text: `why was I charged twice? case ${i}` })).status,
      ).toBe(202);
    await waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 30_000, 'every handoff');
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${service.url}/console/login?next=/console`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.live-status.live');
    keys = await page
      .locator('#queue button.row')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { key: string } }).dataset.key));
    expect(keys).toHaveLength(THREADS);
    await page.close();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const openConsole = async (hash = '', viewport = { width: 1280, height: 900 }) => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console${hash}`);
    await page.waitForSelector('.live-status.live');
    return page;
  };
  const shownKey = (page: Page) => page.locator('#thread').getAttribute('data-key');
  const hash = (page: Page) => page.evaluate(() => window.location.hash);

  it('opens threads from the queue as history entries: back and forward move between them and the queue, in the same page', async () => {
    const page = await openConsole();
    expect(await page.textContent('#thread .placeholder')).toBe('Pick a thread in the queue.');
    await page.evaluate(() => (window.__sameDocument = true));
    await page.locator(`#queue button.row[data-key="${keys[0]}"]`).click();
    await expect.poll(() => shownKey(page)).toBe(keys[0]);
    expect(await hash(page)).toBe(`#${keys[0]}`);
    await page.locator(`#queue button.row[data-key="${keys[1]}"]`).click();
    await expect.poll(() => shownKey(page)).toBe(keys[1]);

    await page.goBack();
    await expect.poll(() => shownKey(page)).toBe(keys[0]);
    expect(await page.getAttribute(`#queue button.row[data-key="${keys[0]}"]`, 'aria-current')).toBe('true');
    await page.goBack();
    await page.locator('#thread .placeholder').waitFor();
    expect(await hash(page)).toBe('');
    expect(await page.locator('#queue button.row[aria-current="true"]').count()).toBe(0);
    await page.goForward();
    await expect.poll(() => shownKey(page)).toBe(keys[0]);
    await page.goForward();
    await expect.poll(() => shownKey(page)).toBe(keys[1]);

    // A link pasted into the open tab's address bar: the thread opens without a reload.
    await page.goto(`${service.url}/console#${keys[2]}`);
    await expect.poll(() => shownKey(page)).toBe(keys[2]);
    await page.goBack();
    await expect.poll(() => shownKey(page)).toBe(keys[1]);
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens a pasted link on load, and says so when the link is to no thread or is malformed', async () => {
    const page = await openConsole(`#${keys[3]}`);
    await expect.poll(() => shownKey(page)).toBe(keys[3]);
    await page.locator('#thread .msg.from-customer').first().waitFor();
    const listed = await page.textContent(`#queue button.row[data-key="${keys[3]}"] .row-text`);
    expect(await page.textContent('#thread .msg.from-customer .msg-text')).toBe(listed);
    expect(await page.getAttribute(`#queue button.row[data-key="${keys[3]}"]`, 'aria-current')).toBe('true');

    // No such thread (a well-formed key of nothing): the pane says so, not the previous thread.
    await page.goto(`${service.url}/console#${threadKey('sandbox', 'nope-nothing')}`);
    await page.locator('#thread .placeholder', { hasText: 'no such thread' }).waitFor();
    // A malformed escape is no thread: the queue alone, and no script error.
    await page.goto(`${service.url}/console#%E0%A4%A`);
    await page.locator('#thread .placeholder', { hasText: 'Pick a thread' }).waitFor();
    expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    problems.length = 0;
    await page.close();
  }, 60_000);

  it('shows at least 12 threads on a 1280×900 screen, the facts in one line, and one pane at a time on a phone', async () => {
    const page = await openConsole(`#${keys[0]}`);
    await page.locator('#thread .msg').first().waitFor();
    const inView = await page.locator('#queue').evaluate((list) => {
      const box = (list as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
      const rows = [...(list as unknown as { querySelectorAll(s: string): Iterable<unknown> }).querySelectorAll('button.row')] as {
        getBoundingClientRect(): { top: number; bottom: number };
      }[];
      return rows.filter((r) => r.getBoundingClientRect().top >= box.top && r.getBoundingClientRect().bottom <= box.bottom + 1).length;
    });
    expect(inView).toBeGreaterThanOrEqual(12);
    // The thread's facts (customer, channel, state, priority and labels, wait, SLA) on one line.
    const heights = await page.locator('#thread .thread-facts').evaluate((el) => (el as unknown as { clientHeight: number }).clientHeight);
    const line = await page.locator('#thread .thread-facts h2').evaluate((el) => (el as unknown as { clientHeight: number }).clientHeight);
    expect(heights).toBeLessThanOrEqual(line + 8);
    await page.close();

    const phone = await openConsole('', { width: 390, height: 844 });
    expect(await phone.locator('#queue').isVisible()).toBe(true);
    expect(await phone.locator('#thread').isVisible()).toBe(false);
    await phone.locator(`#queue button.row[data-key="${keys[4]}"]`).click();
    await phone.locator('#thread .msg').first().waitFor();
    expect(await phone.locator('#queue').isVisible()).toBe(false);
    await phone.locator('#thread .back-to-queue').click();
    await phone.locator('#queue').waitFor({ state: 'visible' });
    // Back to the thread with the browser's back button, and the page never scrolls sideways.
    await phone.goBack();
    await phone.locator('#thread .msg').first().waitFor();
    expect(await shownKey(phone)).toBe(keys[4]);
    const widths = await phone.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    // "q" (a phone with a keyboard) goes back to the queue too, at the thread just seen.
    await phone.locator('#thread h2').click();
    await phone.keyboard.press('q');
    await phone.locator('#queue').waitFor({ state: 'visible' });
    expect(
      await phone
        .locator(`#queue button.row[data-key="${keys[4]}"]`)
        .evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement),
    ).toBe(true);
    expect(problems).toEqual([]);
    await phone.close();
  }, 60_000);
});
