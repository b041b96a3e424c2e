// Screenshots of the console's queue with mentions in several languages (and one too short to tell),
// wide and narrow, to judge the rows' language badges and the thread's as an agent would:
//   npx vite-node test/screenshots/language-screenshots.ts
// Writes artifacts/language-wide.png (the French thread open), artifacts/language-narrow.png and
// artifacts/language-thread-narrow.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';
import { signedInConsole } from './signed-in-console.js';

const PASSWORD = 'correct horse battery staple';
// Written for these screenshots.
const MENTIONS: [string, string][] = [
  ['@cy', "@AcmeHelp mon colis n'est toujours pas arrivé, ça fait deux semaines 😡 #help"],
  ['@ute', '@AcmeHelp meine Bestellung ist immer noch nicht da, bitte helft mir'],
  ['@aki', '@AcmeHelp 注文した商品がまだ届きません 😢'],
  ['@lucia', '@AcmeHelp me cobraron dos veces este mes, quiero un reembolso'],
  ['@bram', '@AcmeHelp mijn pakket is nog steeds niet aangekomen'],
  ['@sam', '@AcmeHelp I was charged twice for my last order, please refund one of them'],
  ['@bob', '@AcmeHelp ok 👍'],
];

const service = await startService({ SANDBOX_ENABLED: 'true' });
const browser = await launchChromium();
try {
  await service.handoff.users.saveUser('ann', ['agent'], PASSWORD);
  for (const [author, text] of MENTIONS) {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    if (res.status !== 202) throw new Error(`post ${author}: ${res.status}`);
  }
  await waitFor(
    async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
    60_000,
    'every mention decided',
  );
  const out = path.join(repoRoot, 'artifacts');
  mkdirSync(out, { recursive: true });

  const page = await signedInConsole(browser, service.url, 'ann', PASSWORD);
  const rows = page.locator('#queue button.row');
  await waitFor(async () => ((await rows.count()) >= MENTIONS.length - 1 ? true : undefined), 20_000, 'the rows');
  await rows.filter({ hasText: '@cy' }).click();
  await page.locator('#thread .msg').first().waitFor();
  await page.screenshot({ path: path.join(out, 'language-wide.png') });
  const seen = await rows.evaluateAll((els) =>
    els.map((el) => `${el.querySelector('.author')?.textContent} ${el.querySelector('.badge.lang')?.textContent ?? '-'}`),
  );
  process.stdout.write(`${seen.join('\n')}\n`);

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(`${service.url}/console`);
  await phone.waitForSelector('.live-status.live');
  await phone.screenshot({ path: path.join(out, 'language-narrow.png') });
  await phone.locator('#queue button.row').filter({ hasText: '@cy' }).click();
  await phone.locator('#thread .msg').first().waitFor();
  await phone.screenshot({ path: path.join(out, 'language-thread-narrow.png') });
  process.stdout.write(`wrote ${out}/language-wide.png, language-narrow.png and language-thread-narrow.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
