// Screenshots of the console's queue page with a long queue (more than one page), wide and narrow,
// for a person to look at after changing the page:
//   npx vite-node test/screenshots/queue-screenshots.ts [threads=120]
// Writes artifacts/queue-wide.png, queue-wide-more.png (the second page loaded), queue-wide-end.png
// (the end of the first page), queue-narrow.png and queue-narrow-end.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';
import { signedInConsole } from './signed-in-console.js';

const THREADS = Number(process.argv[2] ?? 120);
const PASSWORD = 'correct horse battery staple';
const TEXTS = [
  'why was I charged twice on my card? This is the second time this month and nobody answers my emails.',
  'I will call my lawyer about this double charge if it is not refunded today',
  'this is terrible, you charged me twice, I am furious',
  'can someone explain the second charge on my card',
  `why was I charged twice? ${'Here is everything that happened with my order, step by step, with the dates. '.repeat(40)}`,
];

const service = await startService({ UNDERSTANDING: 'keyword', SANDBOX_ENABLED: 'true', SANDBOX_MAX_LENGTH: '10000' });
const browser = await launchChromium();
try {
  await service.handoff.users.saveUser('ann', ['agent'], PASSWORD);
  for (let i = 0; i < THREADS; i++) {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author: `@customer${i}`, text: TEXTS[i % TEXTS.length] });
    if (res.status !== 202) throw new Error(`post ${i}: ${res.status}`);
  }
  await waitFor(
    async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
    60_000,
    'every mention decided',
  );
  const out = path.join(repoRoot, 'artifacts');
  mkdirSync(out, { recursive: true });

  const page = await signedInConsole(browser, service.url, 'ann', PASSWORD);
  await page.locator('#queue button.row').first().click();
  await page.locator('#thread .msg').first().waitFor();
  await page.screenshot({ path: path.join(out, 'queue-wide.png') });
  // Scrolled to the end of the first page: the next one loads.
  await page.locator('#queue .more').scrollIntoViewIfNeeded();
  const before = await page.locator('#queue').evaluate((el) => el.scrollTop);
  await waitFor(async () => ((await page.locator('#queue button.row').count()) > 50 ? true : undefined), 10_000, 'the second page');
  process.stdout.write(
    `list scrollTop before the second page ${before}, after ${await page.locator('#queue').evaluate((el) => el.scrollTop)}\n`,
  );
  await page.screenshot({ path: path.join(out, 'queue-wide-more.png') });

  // The end of a page with its "more" row (the automatic loading switched off to see it).
  const end = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await end.context().addCookies(await page.context().cookies());
  await end.addInitScript('delete window.IntersectionObserver');
  await end.goto(`${service.url}/console`);
  await end.locator('#queue .more').scrollIntoViewIfNeeded();
  await end.screenshot({ path: path.join(out, 'queue-wide-end.png') });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(`${service.url}/console`);
  await phone.waitForSelector('.live-status.live');
  await phone.screenshot({ path: path.join(out, 'queue-narrow.png') });
  // The end of the first page on the phone (automatic loading off, to see the "more" row).
  const phoneEnd = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phoneEnd.context().addCookies(await page.context().cookies());
  await phoneEnd.addInitScript('delete window.IntersectionObserver');
  await phoneEnd.goto(`${service.url}/console`);
  await phoneEnd.locator('#queue .more').scrollIntoViewIfNeeded();
  await phoneEnd.screenshot({ path: path.join(out, 'queue-narrow-end.png') });
  process.stdout.write(
    `wrote ${out}/queue-wide.png, queue-wide-more.png, queue-wide-end.png, queue-narrow.png, queue-narrow-end.png (${THREADS} threads)\n`,
  );
} finally {
  await browser.close();
  await service.dispose();
}
