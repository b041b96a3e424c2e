// Screenshots of issue 19's pages, wide and narrow, for a person to look at after changing them:
//   npm run screenshots -- suggestions
// Writes artifacts/suggestions-wide.png and suggestions-narrow.png (the suggestion panel on a claimed
// thread) and candidates-wide.png and candidates-narrow.png (the knowledge page's review).
// Browser globals the functions passed to page.evaluate use (this Node project has no DOM types).
declare const document: { querySelector(s: string): { textContent: string | null } | null };
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadKey } from '../../handoff/thread-key.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { exampleKnowledge, postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';

const PASSWORD = 'correct horse battery staple';
const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-suggest-shots-')), 'knowledge.yaml');
writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
const service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
const browser = await launchChromium();
try {
  await service.handoff.users.saveUser('sam', ['agent', 'editor'], PASSWORD);
  const post = async (author: string, text: string) => {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    if (res.status !== 202) throw new Error(`post: ${res.status}`);
    return res.body as { threadId: string };
  };
  await post('@bob', '@acme is the login thing fixed yet? the app logs me out every time');
  await post('@dee', '@acme my promo code from the newsletter gives an error at checkout, call me 0161 496 0000');
  const { threadId } = await post('@carol', '@acme my delivery has been stuck at the depot for ages, nobody tells me anything');
  await waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 30_000, 'all decided');
  const ref = { channel: 'sandbox', threadId };
  const sam = { name: 'sam', roles: ['agent' as const, 'editor' as const] };
  await service.handoff.actions.perform('claim', ref, sam);

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
  page.on('console', (msg) => msg.type() === 'error' && process.stderr.write(`console: ${msg.text()}\n`));
  await page.goto(`${service.url}/console/login?next=/console`);
  await page.fill('#username', 'sam');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.live-status.live');
  const key = threadKey('sandbox', threadId);
  await page.click(`#queue button.row[data-key="${key}"]`);
  await page.locator('.suggestions .suggestion').first().waitFor({ timeout: 20_000 });
  await page.click('.pick-entry summary');
  const out = path.join(repoRoot, 'artifacts');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'suggestions-wide.png') });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(`${service.url}/console#${key}`);
  await phone.locator('.suggestions .suggestion').first().waitFor({ timeout: 20_000 });
  await phone.screenshot({ path: path.join(out, 'suggestions-narrow.png'), fullPage: true });

  // Candidates for the review: the agent's reply with the suggestion, and two more from the API.
  await page.keyboard.press('1');
  await page.locator('#reply-text').press('Control+Enter');
  await page.locator('.msg.from-agent').first().waitFor();
  const call = (method: string, url: string, body: unknown) =>
    page.evaluate(
      ([m, u, b]) =>
        fetch(u as string, { method: m as string, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }).then(
          (r) => r.status,
        ),
      [method, url, body],
    );
  const queue = (await page.evaluate(() => fetch('/api/queue?filter=open').then((r) => r.json()))) as {
    threads: { key: string; author: string }[];
  };
  for (const t of queue.threads.filter((t) => t.author !== '@carol')) {
    await call('POST', `/api/threads/${t.key}/claim`, {});
    const entry = t.author === '@dee' ? 'black-friday' : 'app-outage';
    await call('POST', `/api/threads/${t.key}/reply`, { text: 'Thanks, we are on it.', entryId: entry });
    if (t.author === '@bob') await call('POST', `/api/threads/${t.key}/suggestions/wrong`, { entryId: 'parcel-delays' });
  }
  await page.goto(`${service.url}/console/knowledge`);
  await page.locator('#candidates .candidate').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => (document.querySelector('#live-version')?.textContent ?? '') !== '');
  await page.screenshot({ path: path.join(out, 'candidates-wide.png') });
  await phone.goto(`${service.url}/console/knowledge`);
  await phone.locator('#candidates .candidate').first().waitFor({ timeout: 15_000 });
  await phone.locator('#candidates-section').screenshot({ path: path.join(out, 'candidates-narrow.png') });
  process.stdout.write(`wrote ${out}/suggestions-wide.png, suggestions-narrow.png, candidates-wide.png and candidates-narrow.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
