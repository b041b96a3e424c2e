// Screenshots of the agents' console as a support team uses it all day, wide (1280×900) and narrow
// (390×844), to look at after changing the console:
//   npm run screenshots            (every script in test/screenshots)
//   npx vite-node test/screenshots/console-screenshots.ts
// Writes to artifacts/: console-queue-wide.png (the queue, a thread open), console-thread-wide.png (a
// bot-owned thread opened from its link, with the customer panel when the console has one),
// console-search-wide.png (search results, when the console has a search box), console-queue-narrow.png
// and console-thread-narrow.png. Prints how many queue rows are wholly in view on each.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { threadKey } from '../../handoff/thread-key.js';
import { postJson, repoRoot, startService, waitFor, type RunningService } from '../helpers/start-service.js';

// Functions passed to page.evaluate run in the browser (no DOM types in this Node project).
declare const window: { innerHeight: number };
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const PASSWORD = 'correct horse battery staple';
// Phrasings written for these screenshots: every priority, long and short, one right-to-left.
const HANDOFFS: [string, string][] = [
  ['@eva', 'the kettle I bought from you spat boiling water and burned my hand, I want a refund'],
  ['@joe', 'my account was hacked last night and someone changed my email address'],
  ['@ana', 'I have asked my lawyer to look at how you treated me, this is not acceptable'],
  ['@max', 'no internet for three days now, I work from home and nobody tells me anything'],
  ['@dee', 'I was charged twice for my last order, please refund one of them'],
  ['@ray', 'you are the worst company ever, useless, I hate your stupid app and your rude staff'],
  ['@kim', 'my order arrived a day late, a bit annoying'],
  ['@lee', 'what sizes does the blue jacket come in?'],
  ['@layla', 'لماذا تم خصم المبلغ مرتين من بطاقتي؟'],
  ['@ole.nordmann', `why was I charged twice? ${'Here is everything that happened with my order, step by step. '.repeat(6)}`],
];
const BOT_THREAD = ['@sam', '@acme my parcel is two weeks late'] as const;
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

/** How many queue rows are wholly inside the list's visible box. */
const rowsInView = (page: Page) =>
  page.locator('#queue').evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('button.row')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.bottom <= window.innerHeight;
    }).length;
  });

async function signIn(browser: Browser, service: RunningService, viewport: { width: number; height: number }, hash = '') {
  const page = await browser.newPage({ viewport, deviceScaleFactor: viewport.width < 500 ? 2 : 1 });
  await page.goto(`${service.url}/console/login?next=${encodeURIComponent(`/console${hash}`)}`);
  await page.fill('#username', 'ann');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.live-status.live');
  await page.locator('#queue button.row').first().waitFor();
  return page;
}

const service = await startService({ UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'true' });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(out, name) });
try {
  await service.handoff.users.saveUser('ann', ['agent'], PASSWORD);
  // Twice over, as a busy morning: more threads than a screen holds.
  for (const round of [1, 2])
    for (const [author, text] of HANDOFFS) {
      const res = await postJson(`${service.url}/sandbox/mentions`, { author: round === 1 ? author : `${author}${round}`, text });
      if (res.status !== 202) throw new Error(`${author}: ${res.status}`);
    }
  const bot = await postJson(`${service.url}/sandbox/mentions`, { author: BOT_THREAD[0], text: BOT_THREAD[1] });
  await waitFor(
    async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
    30_000,
    'every mention decided',
  );
  const wide = await signIn(browser, service, WIDE);
  // One thread claimed and answered, as the day goes.
  await wide.locator('#queue button.row').nth(4).click();
  await wide.locator('#thread .msg').first().waitFor();
  await wide.keyboard.press('c');
  await wide.locator('#reply-text:not([disabled])').waitFor();
  await wide.fill('#reply-text', 'Sorry about the double charge: I have refunded it, you will see it within 3 days.');
  await wide.keyboard.press('Control+Enter');
  await wide.locator('#thread .msg.from-agent').waitFor();
  await wide.locator('#queue button.row').first().click();
  await wide.locator('#thread .msg').first().waitFor();
  await wide.waitForTimeout(300);
  await shot(wide, 'console-queue-wide.png');
  process.stdout.write(`wide queue: ${await rowsInView(wide)} rows wholly in view at ${WIDE.width}×${WIDE.height}\n`);

  const botKey = threadKey('sandbox', bot.body.threadId);
  const threadPage = await signIn(browser, service, WIDE, `#${botKey}`);
  await threadPage.locator('#thread .msg.from-bot').first().waitFor();
  await shot(threadPage, 'console-thread-wide.png');
  const panel = (await threadPage.locator('#customer-panel, .customer-panel').count()) > 0;
  process.stdout.write(`thread: the customer panel is ${panel ? 'shown' : 'not in this console yet'}\n`);

  const search = threadPage.locator('#search, input[type="search"]').first();
  if ((await search.count()) > 0) {
    await search.fill('charged twice');
    await search.press('Enter');
    await threadPage.waitForTimeout(800);
    await shot(threadPage, 'console-search-wide.png');
  } else process.stdout.write('search: no search box in this console yet, no screenshot\n');

  const phone = await signIn(browser, service, NARROW);
  await shot(phone, 'console-queue-narrow.png');
  process.stdout.write(`narrow queue: ${await rowsInView(phone)} rows wholly in view at ${NARROW.width}×${NARROW.height}\n`);
  await phone.locator('#queue button.row').first().click();
  await phone.locator('#thread .msg').first().waitFor();
  await phone.waitForTimeout(300);
  await shot(phone, 'console-thread-narrow.png');
  const sideways = await phone.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  process.stdout.write(`narrow: the page ${sideways ? 'SCROLLS SIDEWAYS' : 'never scrolls sideways'}\n`);
  process.stdout.write(`wrote ${out}/console-*.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
