import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// Emerging incidents (issue 19) in a real browser against the real service (local understanding,
// SQLite, the sandbox): alike handoffs raise a banner live; "Draft an entry" opens the drafted entry
// in the knowledge editor; once published, the banner answers the group's waiting threads, one reply
// each on the platform.

const PASSWORD = 'correct horse battery staple';
const WAVE = [
  'my gift card balance vanished after I redeemed it at checkout <img src=x onerror=window.__pwned=1>',
  'gift card balance gone after redeeming it at checkout, where did my money go',
  'redeemed my gift card at checkout and the balance vanished',
  'the gift card balance disappeared after redeeming at checkout today',
];
const REPLY = 'Hi {{author}}, gift card balances are back: our fix is live.';

declare const window: { __pwned?: unknown };

interface SandboxThread {
  posts: { text: string; fromBrand: boolean }[];
}

describe.skipIf(!haveChromium)('the emerging incident banner in Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const threads: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-emerging-page-')), 'knowledge.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false', EMERGING_MIN_SIZE: '4', EMERGING_MIN_AUTHORS: '3' });
    await service.handoff.users.saveUser('ann', ['agent', 'editor'], PASSWORD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchPageProblems(page, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('raises a banner live when alike mentions are handed off', { timeout: 90_000 }, async () => {
    await page.goto(`${service.url}/console/login?next=/console`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.live-status.live');
    expect(await page.locator('#emerging .emerging').count()).toBe(0);
    for (const [i, text] of WAVE.entries()) {
      const posted = await postJson(`${service.url}/sandbox/mentions`, { author: `@customer${i}`, text: `@acme ${text}` });
      threads.push(posted.body.threadId);
    }
    const banner = page.locator('#emerging .emerging');
    await banner.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => banner.locator('.emerging-head').textContent(), { timeout: 15_000 })
      .toMatch(/4 alike handoffs from 4 customers · 4 waiting/);
    expect(await banner.locator('.emerging-words .chip').count()).toBeGreaterThan(0);
    // One line until opened, so that it leaves the queue in view.
    expect(await banner.locator('.emerging-words').isVisible()).toBe(false);
    await banner.locator('.emerging-head').click();
    expect(await banner.locator('.emerging-words').isVisible()).toBe(true);
    await banner.locator('.emerging-samples summary').click();
    expect(await banner.locator('.emerging-samples li').count()).toBeGreaterThan(0);
    expect(await banner.locator('[data-action="answer"]').count()).toBe(0);
  });

  it('opens the drafted entry in the knowledge editor, and after the publish answers each waiting thread once', async () => {
    await page.click('#emerging .emerging a[data-action="draft"]');
    await page.waitForURL(/\/console\/knowledge/);
    await page.locator('#notice', { hasText: 'is at the end of the draft' }).waitFor({ timeout: 30_000 });
    const text = await page.inputValue('#editor-text');
    const id = /"([a-z0-9-]+)"/.exec((await page.textContent('#notice'))!)![1]!;
    expect(text).toContain(`- id: ${id}\n`);
    expect(text).toContain('reply: ""');
    await page.fill('#editor-text', text.replace('reply: ""', `reply: ${JSON.stringify(REPLY)}`));
    await page.fill('#publish-message', 'gift card incident');
    await page.click('#publish');
    await page.locator('#diff-dialog[open] .diff-entry.added', { hasText: id }).waitFor({ timeout: 30_000 });
    await page.click('#diff-publish');
    await page.locator('#notice', { hasText: /Published: version \d+ is live/ }).waitFor({ timeout: 30_000 });

    // Back to the queue by the navigation, as an editor would.
    await Promise.all([page.waitForURL(/\/console$/), page.click('a[href="/console"]')]);
    const answer = page.locator('#emerging .emerging [data-action="answer"]');
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.textContent()).toMatch(/^Answer the 4 waiting threads with Customers report: /);
    await answer.click();
    await page.locator('#notice', { hasText: 'Answered 4 threads' }).waitFor({ timeout: 30_000 });
    for (const [i, threadId] of threads.entries()) {
      const replies = await waitFor(
        async () => {
          const t = (await (await fetch(`${service.url}/sandbox/threads/${threadId}`)).json()) as SandboxThread;
          const r = t.posts.filter((p) => p.fromBrand && p.text.includes('gift card balances are back'));
          return r.length > 0 ? r : undefined;
        },
        20_000,
        'the reply on the platform',
      );
      expect(replies.map((r) => r.text)).toEqual([expect.stringContaining(`@customer${i}`)]);
    }
    await expect.poll(() => page.locator('#emerging .emerging').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  }, 180_000);
});
