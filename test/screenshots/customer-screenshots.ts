// Screenshots of the console's customer panel (issue 17) beside a thread, wide and narrow, for a
// person to look at after changing it:
//   npx vite-node test/screenshots/customer-screenshots.ts
// Writes artifacts/customer-wide.png (1280×900) and customer-narrow.png (390×844, the whole page).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { threadKey } from '../../handoff/thread-key.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';

const PASSWORD = 'correct horse battery staple';
const service = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true' });
const browser = await launchChromium();
try {
  await service.handoff.users.saveUser('sam', ['agent'], PASSWORD);
  await service.handoff.users.saveUser('lee', ['agent'], PASSWORD);
  const post = async (author: string, text: string) => {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    if (res.status !== 202) throw new Error(`post: ${res.status}`);
    return res.body as { threadId: string };
  };
  await post('@ann', '@acme my parcel is two weeks late');
  await post('@ann', '@acme thanks, all sorted now!');
  await post('@bob', '@acme is the app down?');
  // Ann on Mastodon, earlier (another channel's post, as its poller would store it).
  await service.store.acceptMention(
    {
      channel: 'mastodon',
      platformId: 'ms-1',
      threadId: 'ms-1',
      author: '@ann@mastodon.social',
      text: '@acme@mastodon.social the refund never arrived <b>again</b>',
      createdAt: new Date().toISOString(),
    },
    Date.now(),
    Date.now() + 60_000,
  );
  const { threadId } = await post('@ann', '@acme why was I charged twice on my card? Second time this month.');
  await waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 30_000, 'all decided');
  const key = threadKey('sandbox', threadId);
  const handoff = service.handoff;
  await handoff.actions.perform('claim', { channel: 'sandbox', threadId }, { name: 'sam', roles: ['agent'] });
  await handoff.actions.reply(
    { channel: 'sandbox', threadId },
    { name: 'sam', roles: ['agent'] },
    'Hi Ann, I have refunded the second charge.',
    'r1',
  );

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${service.url}/console/login?next=/console`);
  await page.fill('#username', 'sam');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
  page.on('console', (msg) => msg.type() === 'error' && process.stderr.write(`console: ${msg.text()}\n`));
  await page.waitForSelector('.live-status.live');
  await page.click(`#queue button.row[data-key="${key}"]`);
  await page.locator('#customer-panel .customer-thread').first().waitFor();
  // Link Ann's Mastodon identity, note and tag, as an agent does.
  await page.click('#customer-panel .link-identity summary');
  await page.fill('#link-channel', 'mastodon');
  await page.fill('#link-author', '@ann@mastodon.social');
  await page.click('#customer-panel .link-form button');
  await page.locator('#customer-panel .identities li').nth(1).waitFor();
  await page.fill('#customer-notes', 'Charged twice in November; refunded by Sam. Prefers replies in French.');
  await page.click('#customer-panel .customer-notes button');
  await page.locator('#customer-panel .notes-bar .hint').waitFor();
  for (const tag of ['billing', 'refund']) {
    await page.fill('#tag-input', tag);
    await page.press('#tag-input', 'Enter');
    await page.locator('.tag-bar .tag', { hasText: tag }).waitFor();
  }
  await page.locator('#queue .row-tags .tag').first().waitFor();
  const out = path.join(repoRoot, 'artifacts');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'customer-wide.png') });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(`${service.url}/console#${key}`);
  await phone.locator('#customer-panel .customer-thread').first().waitFor();
  await phone.screenshot({ path: path.join(out, 'customer-narrow.png'), fullPage: true });
  process.stdout.write(`wrote ${out}/customer-wide.png and customer-narrow.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
