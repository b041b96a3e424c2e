// Screenshots of the knowledge form in a file answering in English and Spanish (issue 21), wide
// (1280×900) and narrow (390×844): one reply and one examples list per language.
//   npm run screenshots -- knowledge-languages
// Writes artifacts/knowledge-languages-<view>-<size>.png.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BILINGUAL_KNOWLEDGE } from '../bot/turn/bilingual-knowledge.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { repoRoot, startService } from '../helpers/start-service.js';

const PASSWORD = 'mia-password-123';
const SIZES = { wide: { width: 1280, height: 900 }, narrow: { width: 390, height: 844 } };

const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-knowledge-lang-shots-')), 'knowledge.yaml');
writeFileSync(file, BILINGUAL_KNOWLEDGE);
const service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false', UNDERSTANDING: 'keyword' });
await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });

try {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto(`${service.url}/console/login?next=/console/knowledge`);
    await page.fill('#username', 'mia');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#kf-title');
    const shot = (name: string) => page.screenshot({ path: path.join(out, `knowledge-languages-${name}-${size}.png`) });
    await shot('form');
    await page.selectOption('#form-entry', { label: 'app-outage' });
    await page.locator('#kf-reply-es').scrollIntoViewIfNeeded();
    await page.focus('#kf-reply-es');
    await shot('missing-es');
    await page.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await service.dispose();
}
