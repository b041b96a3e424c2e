import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, launchChromium, watchPageProblems } from '../console/launch-chromium.js';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';
import { seedRouting } from './routing-seed.js';

// Issue 20 in a real browser: an admin edits the routing rules, sees a refused edit's problems by
// line and column (and jumps to them), publishes, and tries one rule over the recent handoffs.
if (!haveChromium) console.warn(`routing page browser test skipped: ${CHROMIUM} is not installed`);

declare const document: { querySelector(s: string): { selectionStart: number; value: string } | null };

describe.skipIf(!haveChromium)('routing rule editor', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    const root = await agentClient(service, 'root', ['admin', 'agent']);
    await seedRouting(service, root.call);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, ...value] = root.cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: service.url }]);
    page = await context.newPage();
    // A refused publish answers 422: the browser logs it, the page shows it.
    watchPageProblems(page, problems, /status of 422/);
    await page.goto(`${service.url}/console/routing`);
    await page.waitForSelector('#teams .team-row');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('shows the live rules, the teams and the rules to try', async () => {
    expect(await page.inputValue('#routing-text')).toContain('name: broken-stuff');
    expect(await page.locator('#routing-status').textContent()).toBe('version 2 · 3 rules');
    expect(await page.locator('#dry-rule option').allTextContents()).toEqual(['money', 'broken-stuff', 'upset-after-hours']);
    expect(await page.locator('#teams .team-row strong').allTextContents()).toEqual(['billing', 'tech']);
  });

  it('a dry run lists the handoffs the rule would match, customer markup as text', async () => {
    await page.selectOption('#dry-rule', 'money');
    await page.click('#dry-run');
    await page.waitForSelector('.dry-list li');
    expect(await page.locator('#dry-result p').textContent()).toBe('money would have matched 2 of the last 4 handoffs.');
    expect(await page.locator('.dry-list li').count()).toBe(2);
    expect(await page.locator('.dry-list img').count()).toBe(0);
    expect(await page.locator('.dry-list').textContent()).toContain('<img src=x onerror=alert(1)>');
  });

  it('a broken publish lists its problems by line and column, jumps to them, and keeps the live rules', async () => {
    const broken = 'version: 1\nrules:\n  - name: money\n    when: { patterns: ["(a+)+"] }\n    do: { team: billing }\n';
    await page.fill('#routing-text', broken);
    await page.click('#routing-publish');
    await page.waitForSelector('.routing-problems li button');
    const listed = await page.locator('.routing-problems li').allTextContents();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/^Line 4, column 24 rules\.0\.when\.patterns\.0: .*stall/);
    await page.click('.routing-problems li button');
    const caret = await page.evaluate(() => document.querySelector('#routing-text')!.selectionStart);
    expect(broken.slice(caret, caret + 6)).toBe('"(a+)+');
    await page.waitForFunction(() =>
      /refused/.test((document.querySelector('#routing-status') as unknown as { textContent: string }).textContent),
    );
    expect((await (await fetch(`${service.url}/healthz`)).status) < 500).toBe(true);
  });

  it('a good publish goes live at once', async () => {
    await page.fill('#routing-text', 'version: 1\nrules:\n  - { name: everything, do: { tags: [seen] } }\n');
    await page.click('#routing-check');
    await page.waitForSelector('.routing-problems li.ok');
    await page.click('#routing-publish');
    await page.waitForFunction(() =>
      /Published: version 3/.test((document.querySelector('.routing-problems') as unknown as { textContent: string }).textContent),
    );
    expect(await page.locator('#routing-status').textContent()).toBe('version 3 · 1 rules');
    expect(problems).toEqual([]);
  });
});
