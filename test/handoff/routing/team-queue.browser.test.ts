import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, launchChromium, watchPageProblems } from '../console/launch-chromium.js';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';
import { seedRouting } from './routing-seed.js';

// Issue 20's team queues in a real browser: an agent sees their teams' queues by default (and the
// threads in no team), and may look at all of them or at one team's.
if (!haveChromium) console.warn(`team queue browser test skipped: ${CHROMIUM} is not installed`);

describe.skipIf(!haveChromium)('team queues in the console', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    const root = await agentClient(service, 'root', ['admin', 'agent'], 'token');
    const bob = await agentClient(service, 'bob');
    await seedRouting(service, root.call);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, ...value] = bob.cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: service.url }]);
    page = await context.newPage();
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console`);
    await page.waitForSelector('.live-status.live');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const rowTexts = () => page.locator('#queue .row-text').allTextContents();

  it("shows the agent's team queue by default, with the threads in no team", async () => {
    await page.waitForSelector('#queue .row-text');
    expect(await page.locator('#queue-team option').allTextContents()).toEqual([
      'My teams (tech)',
      'All teams',
      'Team billing',
      'Team tech',
    ]);
    // Bob is in tech: the router thread, and the parcel thread no rule routed.
    expect((await rowTexts()).sort()).toEqual(['my router is dead since this morning', 'where is my parcel? it was due monday']);
  });

  it('all teams, then one team', async () => {
    await page.selectOption('#queue-team', 'all');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(
          '#queue .row-text',
        ).length === 4,
    );
    await page.selectOption('#queue-team', 'billing');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(
          '#queue .row-text',
        ).length === 2,
    );
    expect((await rowTexts()).sort()).toEqual([
      'I would like a refund for the router <img src=x onerror=alert(1)>',
      'why was I charged twice on my card?',
    ]);
    expect(problems).toEqual([]);
  });
});
