// Screenshots of the knowledge editor (issue 23) as marketing sees it, wide (1280×900), tablet
// (820×1180) and narrow (390×844): the form, the YAML view, a reply too long for X, and the diff
// before publish. For a person to look at after changing the page:
//   npx vite-node test/screenshots/knowledge-screenshots.ts
// Writes artifacts/knowledge-<view>-<size>.png.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { exampleKnowledge, repoRoot, startService } from '../helpers/start-service.js';

const PASSWORD = 'mia-password-123';
const SIZES = { wide: { width: 1280, height: 900 }, tablet: { width: 820, height: 1180 }, narrow: { width: 390, height: 844 } };

const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-knowledge-shots-')), 'knowledge.yaml');
writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
// X beside the sandbox, so the form previews a reply on a channel with a short limit.
const service = await startService({
  KNOWLEDGE_FILE: file,
  KNOWLEDGE_WATCH: 'false',
  X_CONSUMER_SECRET: 'shots-x-secret',
  X_ACCESS_TOKEN: 'shots-user-token',
  X_USER_ID: '1600000000000000001',
});
await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });

async function signIn(size: keyof typeof SIZES): Promise<Page> {
  const page = await browser.newPage({ viewport: SIZES[size] });
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  await page.goto(`${service.url}/console/login?next=/console/knowledge`);
  await page.fill('#username', 'mia');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector('#kf-title');
  return page;
}

try {
  for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
    const page = await signIn(size);
    const shot = (name: string) => page.screenshot({ path: path.join(out, `knowledge-${name}-${size}.png`) });
    await shot('form');
    // Marketing tries a mention the file does not answer: the why says what kept the bot from an entry.
    await page.fill('#preview-text', '@acme why was I charged twice for my order?');
    await page.click('#preview-form button[type="submit"]');
    await page.locator('#preview-result .warn-line').waitFor();
    await page.locator('#preview-result').scrollIntoViewIfNeeded();
    console.log(`try a mention (${size}): ${await page.locator('#preview-result .hint').first().textContent()}`);
    await shot('try-mention');
    await page.selectOption('#form-entry', { label: 'app-outage' });
    await page.fill('#kf-reply-default', `We know about the login problem. ${'Our engineers are on it and will post updates. '.repeat(6)}`);
    await page.locator('#kf-previews li.over').first().scrollIntoViewIfNeeded();
    await shot('reply-too-long');
    await page.click('#view-yaml');
    await shot('yaml');
    await page.click('#publish');
    await page.waitForSelector('#diff-dialog[open]', { timeout: 60_000 });
    await shot('diff');
    await page.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await service.dispose();
}
