// Screenshots of the console's No reply page (issue 15) with more than a page of mentions, wide and
// narrow, for a person to look at after changing the page:
//   npx vite-node test/screenshots/no-reply-screenshots.ts [mentions=70]
// Writes artifacts/no-reply-wide.png, no-reply-wide-end.png (the end of the first page),
// no-reply-narrow.png and no-reply-narrow-filtered.png (thanks and praise only).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';

const MENTIONS = Number(process.argv[2] ?? 70);
const PASSWORD = 'ann-password-123';
// Our own phrasings: thanks and praise, emoji-only noise, markup and invisible characters that must
// show as plain, visible text.
const TEXTS = [
  '@acme thanks so much, you guys rock!',
  '@acme 👍',
  '@acme cheers, all sorted now',
  '<img src=x onerror=alert(1)> thank you!!',
  '@acme thank\u202Eyou\u202C for the quick fix, legends',
  '@acme 🙏🙏🙏',
  `@acme thanks! ${'Really appreciate the help from the whole team tonight. '.repeat(6)}`,
  '@acme awesome, works now',
];

const service = await startService({
  UNDERSTANDING: 'keyword',
  NO_REPLY_DECISIONS: 'true',
  SANDBOX_ENABLED: 'true',
  SANDBOX_MAX_LENGTH: '10000',
});
const browser = await launchChromium();
try {
  for (let i = 0; i < MENTIONS; i++) {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author: `@customer${i}`, text: TEXTS[i % TEXTS.length] });
    if (res.status !== 202) throw new Error(`post ${i}: ${res.status}`);
  }
  await waitFor(
    async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
    60_000,
    'every mention decided',
  );
  await waitFor(
    async () => (((await service.store.stats()).outbox.pending ?? 0) === 0 ? true : undefined),
    60_000,
    'courtesy replies sent',
  );
  const ann = await agentClient(service, 'ann');
  // One handed to the queue already, by another agent.
  const bob = await agentClient(service, 'bob');
  const page = (await ann.call('GET', '/api/no-reply?limit=5')).body as { mentions: { id: number }[] };
  await bob.call('POST', `/api/no-reply/${page.mentions[2]!.id}/handoff`, {});
  const out = path.join(repoRoot, 'artifacts');
  mkdirSync(out, { recursive: true });

  const wide = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await wide.goto(`${service.url}/console/login?next=/console/no-reply`);
  await wide.fill('#username', 'ann');
  await wide.fill('#password', PASSWORD);
  await wide.click('button[type="submit"]');
  await wide.waitForSelector('.live-status.live');
  await wide.locator('.nr-item').first().waitFor();
  await wide.screenshot({ path: path.join(out, 'no-reply-wide.png') });
  await wide.locator('.no-reply-list .more').scrollIntoViewIfNeeded();
  await wide.screenshot({ path: path.join(out, 'no-reply-wide-end.png') });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await wide.context().cookies());
  await phone.goto(`${service.url}/console/no-reply`);
  await phone.waitForSelector('.live-status.live');
  await phone.locator('.nr-item').first().waitFor();
  await phone.screenshot({ path: path.join(out, 'no-reply-narrow.png') });
  await phone.selectOption('#no-reply-filter', 'courtesy');
  await waitFor(async () => ((await phone.locator('.reason-noise').count()) === 0 ? true : undefined), 10_000, 'the filter');
  await phone.screenshot({ path: path.join(out, 'no-reply-narrow-filtered.png') });
  process.stdout.write(
    `wrote ${out}/no-reply-wide.png, no-reply-wide-end.png, no-reply-narrow.png, no-reply-narrow-filtered.png (${MENTIONS} mentions)\n`,
  );
} finally {
  await browser.close();
  await service.dispose();
}
