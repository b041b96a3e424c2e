// Screenshots of the knowledge page's incident, calendar and answers sections (issue 23), wide
// (1280×900) and narrow (390×844), for a person to look at after changing them:
//   npx vite-node test/screenshots/knowledge-incident-screenshots.ts
// Writes artifacts/knowledge-incident-{wide,narrow}.png (the form with suggestions),
// knowledge-calendar-{wide,narrow}.png and knowledge-answers-{wide,narrow}.png.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { sandboxReply } from '../config/knowledge/knowledge-edits.js';
import { campaignsKnowledge } from '../handoff/knowledge-editor/calendar-fixture.js';
import { repoRoot, startService } from '../helpers/start-service.js';

const PASSWORD = 'mia-password-123';
// Our own phrasings: handoffs about a checkout problem (one with markup), others, and answered ones.
const HANDOFFS = [
  '@acme checkout keeps failing when I pay',
  '@acme payment failed at checkout, twice now <b>help</b>',
  '@acme card declined at checkout again??',
  '@acme why was I charged twice?',
  '@acme can I change my delivery address',
];
const ANSWERED = ['@acme my parcel is two weeks late', '@acme the app is down again', '@acme is there a black friday discount'];

const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-incident-shots-')), 'knowledge.yaml');
writeFileSync(file, campaignsKnowledge(Date.now()));
const service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false', UNDERSTANDING: 'keyword' });
await service.handoff.users.saveUser('mia', ['editor'], PASSWORD);
for (const text of [...HANDOFFS, ...ANSWERED, ANSWERED[0]!]) await sandboxReply(service.url, text);
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });

async function shoot(browser: Browser, name: string, viewport: { width: number; height: number }) {
  const page: Page = await browser.newPage({ viewport });
  await page.goto(`${service.url}/console/login?next=/console/knowledge`);
  await page.fill('#username', 'mia');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  await page.locator('.cal-row').first().waitFor();
  await page.locator('#answers table').waitFor();
  await page.screenshot({ path: path.join(out, `knowledge-top-${name}.png`) });
  await page.click(name === 'narrow' ? '.ni-jump' : '#new-incident');
  await page.fill('#ni-title', 'Checkout payments failing');
  await page.fill('#ni-action', 'Please wait ten minutes before paying again: you will not be charged twice');
  await page.fill('#ni-link', 'https://status.acme.example');
  await page.click('#ni-suggest');
  await page.locator('.ni-choices').first().waitFor();
  await page.locator('#incident-section').scrollIntoViewIfNeeded();
  await page.locator('#incident-section').screenshot({ path: path.join(out, `knowledge-incident-${name}.png`) });
  await page.locator('#calendar-section').screenshot({ path: path.join(out, `knowledge-calendar-${name}.png`) });
  await page.locator('#answers details').first().locator('summary').click();
  await page.locator('#answers-section').screenshot({ path: path.join(out, `knowledge-answers-${name}.png`) });
  await page.close();
}

const browser = await launchChromium();
try {
  await shoot(browser, 'wide', { width: 1280, height: 900 });
  await shoot(browser, 'narrow', { width: 390, height: 844 });
  process.stdout.write(`wrote ${out}/knowledge-{top,incident,calendar,answers}-{wide,narrow}.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
