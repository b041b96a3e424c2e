import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

// Written for this test: a handle, a link, hashtags and emoji around each, so only the words can tell.
const MENTIONS: [string, string, string | null][] = [
  ['@cy', "@AcmeHelp mon colis n'est toujours pas arrivé, ça fait deux semaines #help https://t.co/x1 😡", 'fr'],
  ['@ute', '@AcmeHelp meine Bestellung ist immer noch nicht da, bitte helft mir #fail', 'de'],
  ['@aki', '@AcmeHelp 注文した商品がまだ届きません 😢', 'ja'],
  // Too short to tell its language, and for a person (a bare thanks would need no reply, and no row).
  ['@bob', '@AcmeHelp ugh 😡', null],
  ['@eve', '@AcmeHelp my order still has not arrived after two weeks, please help me #fail', 'en'],
];

/** Issue 21 in Chromium: the language the turn detected, stored with the decision, on the queue row and in the thread. */
describe.skipIf(!haveChromium)('issue 21 — the language of each mention, in the console', () => {
  let service: RunningService;
  let browser: Browser;
  let ann: AgentClient;
  const problems: string[] = [];
  beforeAll(async () => {
    service = await startService({ SANDBOX_ENABLED: 'true' });
    ann = await agentClient(service, 'ann');
    for (const [author, text] of MENTIONS) expect((await postJson(`${service.url}/sandbox/mentions`, { author, text })).status).toBe(202);
    await waitFor(
      async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
      60_000,
      'every mention decided',
    );
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('records the language with the decision and lists it in the queue API', async () => {
    // Posted one after another into a new store: ids 1, 2, 3, 4.
    for (const [i, [author, , language]] of MENTIONS.entries()) {
      const stored = await service.store.getMention(i + 1);
      expect(stored?.author).toBe(author);
      expect(stored?.decision?.understanding, author).toHaveProperty('language', language);
    }
    const { body } = await ann.call('GET', '/api/queue');
    const byAuthor = new Map((body.threads as { author: string; language: string | null }[]).map((t) => [t.author, t.language]));
    for (const [author, , language] of MENTIONS) expect(byAuthor.get(author), author).toBe(language);
  });

  it('shows a small language badge on each queue row and in the thread, none when too short to tell', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console/login`);
    await page.fill('#username', 'ann');
    await page.fill('#password', 'ann-password-123');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);
    const rows = page.locator('#queue button.row');
    await waitFor(async () => ((await rows.count()) === MENTIONS.length ? true : undefined), 20_000, 'every row');
    const seen: [string, string, string][] = await rows.evaluateAll((els) =>
      els.map((el) => {
        const badge = el.querySelector('.badge.lang');
        return [el.querySelector('.author')?.textContent ?? '', badge?.textContent ?? '', badge?.getAttribute('title') ?? ''];
      }),
    );
    const byAuthor = new Map(seen.map(([author, code, title]) => [author, { code, title }]));
    expect(byAuthor.get('@cy')).toEqual({ code: 'FR', title: 'Written in French' });
    expect(byAuthor.get('@ute')?.code).toBe('DE');
    expect(byAuthor.get('@aki')?.code).toBe('JA');
    expect(byAuthor.get('@bob')?.code).toBe('');
    // The agent's own language (this browser's, English) is no news on a row: no badge there.
    expect(byAuthor.get('@eve')?.code).toBe('');

    await rows.filter({ hasText: '@cy' }).click();
    const badge = page.locator('#thread .thread-meta .badge.lang');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('FR');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
