// Screenshots of the emerging incident banner on the queue page (issue 19), wide (1440×900) and
// narrow (390×844), for a person to look at after changing it:
//   npm run screenshots -- emerging
// Writes artifacts/emerging-banner-{wide,narrow}.png (the samples opened) and emerging-draft-wide.png
// (the drafted entry in the knowledge editor).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { exampleKnowledge, postJson, repoRoot, startService } from '../helpers/start-service.js';

const PASSWORD = 'mia-password-123';
// Our own phrasings of one gift card problem, from several customers (one with markup).
const WAVE = [
  'my gift card balance vanished after I redeemed it at checkout <b>help</b>',
  'gift card balance gone after redeeming it at checkout, where did my money go',
  'redeemed my gift card at checkout and the balance vanished',
  'the gift card balance disappeared after redeeming at checkout today',
  'gift card redeemed at checkout, balance now zero??',
];

const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-emerging-shots-')), 'knowledge.yaml');
writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
const service = await startService({
  KNOWLEDGE_FILE: file,
  KNOWLEDGE_WATCH: 'false',
  UNDERSTANDING: 'keyword',
  EMERGING_MIN_SIZE: '4',
  EMERGING_MIN_AUTHORS: '3',
});
await service.handoff.users.saveUser('mia', ['agent', 'editor'], PASSWORD);
for (const [i, text] of WAVE.entries())
  await postJson(`${service.url}/sandbox/mentions`, { author: `@customer${i}`, text: `@acme ${text}` });
await postJson(`${service.url}/sandbox/mentions`, { author: '@dana', text: '@acme I want to speak to someone about my account' });
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });

async function shoot(browser: Browser, name: string, viewport: { width: number; height: number }) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${service.url}/console/login?next=/console`);
  await page.fill('#username', 'mia');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.live-status.live');
  const banner = page.locator('#emerging .emerging').first();
  await banner.waitFor({ timeout: 30_000 });
  // One line until opened.
  await banner.locator('.emerging-head').click();
  await banner.locator('.emerging-samples summary').click();
  await page.screenshot({ path: path.join(out, `emerging-banner-${name}.png`) });
  process.stdout.write(
    `${name}: banner ${JSON.stringify(await banner.boundingBox())}, queue rows in view ${await page.locator('#queue button.row').count()}\n`,
  );
  if (name === 'wide') {
    await banner.locator('a[data-action="draft"]').click();
    await page.locator('#notice', { hasText: 'is at the end of the draft' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(out, 'emerging-draft-wide.png') });
  }
  await page.close();
}

const browser = await launchChromium();
try {
  await shoot(browser, 'wide', { width: 1440, height: 900 });
  await shoot(browser, 'narrow', { width: 390, height: 844 });
  process.stdout.write(`wrote ${out}/emerging-banner-{wide,narrow}.png and emerging-draft-wide.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
