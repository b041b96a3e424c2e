// Screenshots of the console's queue with mentions of every priority (urgent, high, normal, low), wide
// and narrow, to judge the rows' priority badges and labels as an agent would:
//   npx vite-node test/screenshots/priority-screenshots.ts
// Writes artifacts/priority-wide.png (the top thread open) and artifacts/priority-narrow.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';
import { signedInConsole } from './signed-in-console.js';

const PASSWORD = 'correct horse battery staple';
// Phrasings written for these screenshots; the mildest first, so time waiting alone would rank them first.
const MENTIONS: [string, string][] = [
  ['@sam', 'thank you so much, the new app is great!'],
  ['@lee', 'what sizes does the blue jacket come in?'],
  ['@kim', 'my order arrived a day late, a bit annoying'],
  ['@ray', 'you are the worst company ever, useless, I hate your stupid app and your rude staff'],
  ['@dee', 'I was charged twice for my last order, please refund one of them'],
  ['@max', 'no internet for three days now, I work from home and nobody tells me anything'],
  ['@ana', 'I have asked my lawyer to look at how you treated me, this is not acceptable'],
  ['@joe', 'my account was hacked last night and someone changed my email address'],
  ['@eva', 'the kettle I bought from you spat boiling water and burned my hand, I want a refund'],
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
  await waitFor(
    async () => ((await page.locator('#queue button.row').count()) >= MENTIONS.length - 1 ? true : undefined),
    20_000,
    'the rows',
  );
  await page.locator('#queue button.row').first().click();
  await page.locator('#thread .msg').first().waitFor();
  await page.screenshot({ path: path.join(out, 'priority-wide.png') });
  const rows = await page.locator('#queue button.row').evaluateAll((els) => els.map((el) => el.textContent));
  process.stdout.write(`${rows.join('\n')}\n`);

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(`${service.url}/console`);
  await phone.waitForSelector('.live-status.live');
  await phone.screenshot({ path: path.join(out, 'priority-narrow.png') });
  process.stdout.write(`wrote ${out}/priority-wide.png and priority-narrow.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
