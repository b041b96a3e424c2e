// Screenshots of the console's view tabs, search results and internal notes (issue 17), wide
// (1280×900) and narrow (390×844), for a person to look at after changing them:
//   npx vite-node test/screenshots/search-screenshots.ts
// Writes artifacts/search-wide.png (results of a search), search-resolved-wide.png (the Resolved
// view, a thread open with a note), search-narrow.png and search-note-narrow.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { threadKey } from '../../handoff/thread-key.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';

const TEXTS: [string, string][] = [
  ['@ann', '@acme my parcel is two weeks late, order 5521'],
  ['@bob', '@acme why was I charged twice on my card? I want my money back'],
  ['@cy', '@acme bonjour, mon colis est perdu depuis une semaine, aidez-moi svp'],
  ['@di', '@acme the app crashes every time I open my order history'],
  ['@ed', '@acme refund for the broken kettle please, it burned my hand'],
  ['@fay', '@acme where is my parcel? tracking has said "in transit" for 9 days'],
  ['@gus', '@acme ¿dónde está mi pedido? llevo dos semanas esperando'],
  ['@hal', '@acme charged for a cancelled subscription again'],
];

const service = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true' });
const browser = await launchChromium();
try {
  const ids: Record<string, string> = {};
  for (const [author, text] of TEXTS) ids[author] = (await postJson(`${service.url}/sandbox/mentions`, { author, text })).body.threadId;
  await waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 60_000, 'all decided');
  const ann = await agentClient(service, 'ann');
  for (const who of ['@ed', '@hal']) {
    const key = threadKey('sandbox', ids[who]!);
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    await ann.call('POST', `/api/threads/${key}/notes`, { text: 'Refund approved by finance (ticket F-221); customer told by DM.' });
    await ann.call('POST', `/api/threads/${key}/resolve`, {});
  }
  const out = path.join(repoRoot, 'artifacts');
  mkdirSync(out, { recursive: true });

  const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await wide.goto(`${service.url}/console/login?next=/console`);
  await wide.fill('#username', 'ann');
  await wide.fill('#password', 'ann-password-123');
  await wide.click('button[type="submit"]');
  await wide.waitForSelector('.live-status.live');
  await wide.fill('#search-q', 'charged');
  await wide.press('#search-q', 'Enter');
  await wide.locator('#search-results .row').first().waitFor();
  await wide.locator('#search-results .row').first().click();
  await wide.locator('ol.transcript').waitFor();
  await wide.screenshot({ path: path.join(out, 'search-wide.png') });
  await wide.fill('#search-q', '');
  await wide.click('.views [data-view="resolved"]');
  await wide.locator('#search-results .row').first().click();
  await wide.locator('li.note').first().waitFor();
  await wide.screenshot({ path: path.join(out, 'search-resolved-wide.png') });

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await phone.context().addCookies(await wide.context().cookies());
  await phone.goto(`${service.url}/console`);
  await phone.waitForSelector('.live-status.live');
  await phone.locator('details.search-filters summary').click();
  await phone.fill('#search-q', 'parcel');
  await phone.press('#search-q', 'Enter');
  await phone.locator('#search-results .row').first().waitFor();
  await phone.screenshot({ path: path.join(out, 'search-narrow.png') });
  await phone.goto('about:blank');
  await phone.goto(`${service.url}/console#${threadKey('sandbox', ids['@ed']!)}`);
  await phone.locator('li.note').first().waitFor();
  await phone.locator('li.note').first().scrollIntoViewIfNeeded();
  await phone.screenshot({ path: path.join(out, 'search-note-narrow.png') });
  process.stdout.write(`wrote ${out}/search-wide.png, search-resolved-wide.png, search-narrow.png, search-note-narrow.png\n`);
} finally {
  await browser.close();
  await service.dispose();
}
