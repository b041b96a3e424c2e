import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { createAgent } from './create-agent.js';
import { haveChromium, launchChromium } from './launch-chromium.js';

const PASSWORD = 'correct horse battery staple';
// Written for this test; posted mildest first, so time waiting alone would put the mildest on top.
const MENTIONS: [string, string][] = [
  // Praise with a question: a person answers it (a bare thanks would need no reply, and no row).
  ['@sam', 'thank you so much, the new app is great! is there a dark mode yet?'],
  ['@lee', 'could you tell me when the new store opens?'],
  ['@ray', 'you are the worst company ever, useless, I hate your stupid app and your rude staff'],
  ['@ana', 'I have asked my lawyer to look at how you treated me'],
  ['@joe', 'my account was hacked last night and someone changed my email address'],
  ['@eva', 'the kettle I bought from you spat boiling water and burned my hand'],
];

/** The console in Chromium, with the service's own understanding: the queue as an agent reads it. */
describe.skipIf(!haveChromium)('issue 15 — priority that means something, in the console', () => {
  let service: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    service = await startService({ SANDBOX_ENABLED: 'true' });
    await createAgent(service, 'ann', PASSWORD);
    for (const [author, text] of MENTIONS) expect((await postJson(`${service.url}/sandbox/mentions`, { author, text })).status).toBe(202);
    await waitFor(
      async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
      60_000,
      'every mention decided',
    );
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('lists safety, then the breach, then the legal threat, then the rant, then the mild question, with plain labels once each', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${service.url}/console/login`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);
    const rows = page.locator('#queue button.row');
    await waitFor(async () => ((await rows.count()) === MENTIONS.length ? true : undefined), 20_000, 'every row');

    const authors = await rows.locator('.author').allTextContents();
    expect(authors.slice(0, 5)).toEqual(['@eva', '@joe', '@ana', '@ray', '@lee']);
    const badges: string[] = await rows.evaluateAll((els) => els.map((el) => el.querySelector('[class*="priority-"]')?.textContent ?? ''));
    expect(badges.slice(0, 3)).toEqual(['Urgent', 'Urgent', 'Urgent']);
    expect(badges.slice(3)).toEqual(['', '', '']);
    const labels: string[] = await rows.evaluateAll((els) => els.map((el) => el.querySelector('.row-labels')?.textContent ?? ''));
    expect(labels[0]).toMatch(/^Safety: burn injury/);
    expect(labels[1]).toMatch(/^Data breach: hacked account/);
    expect(labels[2]).toMatch(/^Legal threat: lawyer/);
    for (const line of labels) {
      const parts = line.split(' · ').filter(Boolean);
      expect(new Set(parts.map((p) => p.toLowerCase())).size).toBe(parts.length);
      expect(line).not.toMatch(/out_of_scope|%|_|\bP\d/);
    }

    // The thread view reads the same: the badge and the labels, no intent name and no confidence.
    await rows.first().click();
    const why = page.locator('#thread .understanding');
    await why.waitFor();
    expect(await why.textContent()).toBe(`Urgent ${labels[0]}`);
    expect(await page.locator('#thread').textContent()).not.toMatch(/out_of_scope|\(\d+%\)/);
    await page.close();
  }, 60_000);
});
