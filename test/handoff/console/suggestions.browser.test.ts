import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { threadKey } from '../../../handoff/thread-key.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// Issue 19 in a real browser against the real service (local understanding, SQLite, the sandbox):
// the suggestion panel on a handed-off thread, a suggested reply put in the box with one key, edited
// and sent into the platform thread, a wrong mark, another entry picked from the searchable list, and
// an editor reviewing and accepting the candidate on the knowledge page (a new live version).

const PASSWORD = 'correct horse battery staple';
const PARCEL = '@acme my delivery has been stuck at the depot for ages <img src=x onerror=window.__pwned=1> mail me: jo@example.com';

// Browser globals the functions passed to page.evaluate use (this Node project has no DOM types).
declare const window: { __pwned?: unknown };
declare const document: { querySelector(s: string): { disabled?: boolean } | null; activeElement: { id: string; blur(): void } | null };
declare function fetch(url: string): Promise<{ json(): Promise<any> }>;

interface SandboxThread {
  posts: { text: string; fromBrand: boolean }[];
}

describe.skipIf(!haveChromium)('suggested replies and learned examples in Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let file: string;
  let threadId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-suggest-page-')), 'knowledge.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
    await service.handoff.users.saveUser('ann', ['agent', 'editor'], PASSWORD);
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: PARCEL });
    threadId = posted.body.threadId;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchPageProblems(page, problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('shows suggestions, puts one in the reply box with a key, and sends it edited', async () => {
    await page.goto(`${service.url}/console/login?next=/console`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.live-status.live');
    await page.locator(`#queue button.row[data-key="${threadKey('sandbox', threadId)}"]`).click({ timeout: 20_000 });
    const first = page.locator('.suggestions .suggestion').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.locator('.suggestion-title').textContent()).toBe('Parcel deliveries running late');
    expect(await first.locator('.confidence').textContent()).toMatch(/^\d{1,3}%$/);
    expect(await first.locator('.suggestion-reply').textContent()).toMatch(/^Hi @carol, sorry your parcel is late\./);
    // Why the bot held the parcel reply back, above the suggestions.
    expect(await page.locator('.suggestions .bot-why').textContent()).toMatch(
      /^Why the bot did not answer: it reads more like .+ than like "parcel-delays"$/,
    );
    // Not claimed yet: nothing can go into the (disabled) reply box.
    expect(await first.locator('button.use').isDisabled()).toBe(true);

    await page.keyboard.press('c');
    await page.waitForFunction(() => !document.querySelector('#reply-text')?.disabled);
    await page.locator('.suggestions .suggestion button.use:not([disabled])').first().waitFor();
    // The keys work from anywhere but a text field: the claim moves the focus into the reply box (once
    // the queue is redrawn too), which is left here.
    await page.waitForFunction(() => document.activeElement?.id === 'reply-text');
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('1');
    const suggested = (await first.locator('.suggestion-reply').textContent())!;
    await expect.poll(() => page.inputValue('#reply-text')).toBe(suggested);
    await page.locator('#reply-text').press('End');
    await page.locator('#reply-text').type(' Sorry again.');
    await page.locator('#reply-text').press('Control+Enter');
    const sent = `${suggested} Sorry again.`;
    await waitFor(
      async () => {
        const t = (await (await fetch(`${service.url}/sandbox/threads/${threadId}`)).json()) as SandboxThread;
        return t.posts.some((p) => p.fromBrand && p.text === sent) ? true : undefined;
      },
      15_000,
      'the edited suggestion on the platform',
    );
    const { candidates } = await page.evaluate(() =>
      fetch('/api/knowledge/candidates').then((r) => r.json() as Promise<{ candidates: any[] }>),
    );
    expect(candidates).toEqual([expect.objectContaining({ entryId: 'parcel-delays', kind: 'example', agent: 'ann' })]);
    expect(candidates[0].text).not.toMatch(/@|example\.com/);
  });

  it('marks a suggestion wrong and picks another entry from the searchable list', async () => {
    // Only the entries with a fair chance are suggested: the parcel entry, not the unrelated two at 0%.
    // (The panel is drawn again after the send: waited for.)
    await expect.poll(() => page.locator('.suggestions .suggestion').count(), { timeout: 10_000 }).toBe(1);
    const first = page.locator('.suggestions .suggestion').first();
    const wrongEntry = (await first.getAttribute('data-entry'))!;
    await first.locator('button.wrong').click();
    await expect.poll(() => page.locator(`.suggestions .suggestion[data-entry="${wrongEntry}"]`).count()).toBe(0);
    await page.click('.pick-entry summary');
    await page.fill('.pick-search', 'black friday');
    const picks = page.locator('.pick-list button.pick');
    await expect.poll(() => picks.count()).toBe(1);
    await picks.first().click();
    expect(await page.inputValue('#reply-text')).toMatch(/^Hi @carol, our Black Friday prices apply automatically/);
    const { candidates } = await page.evaluate(() =>
      fetch('/api/knowledge/candidates').then((r) => r.json() as Promise<{ candidates: any[] }>),
    );
    expect(candidates.map((c: { entryId: string; kind: string }) => `${c.entryId}:${c.kind}`)).toEqual([
      'parcel-delays:example',
      `${wrongEntry}:negative`,
    ]);
  });

  it('lets an editor edit and accept a candidate on the knowledge page: a new live version', async () => {
    await page.goto(`${service.url}/console/knowledge`);
    const example = page.locator('#candidates .candidate[data-kind="example"]');
    await example.waitFor({ timeout: 15_000 });
    const shown = await example.locator('textarea').inputValue();
    expect(shown).toBe('my delivery has been stuck at the depot for ages <img src=x onerror=window.__pwned=1> mail me:');
    // What the live model makes of each candidate is shown before accepting: the example's warnings as
    // the API gives them, none for a negative example (a look-alike on purpose).
    const listed = await page.evaluate(() =>
      fetch('/api/knowledge/candidates').then((r) => r.json() as Promise<{ candidates: { kind: string; warnings?: string[] }[] }>),
    );
    const warned = listed.candidates.find((c) => c.kind === 'example')!.warnings ?? [];
    expect(await example.locator('.candidate-warnings li').evaluateAll((li) => li.map((l) => l.getAttribute('data-warning')))).toEqual(
      warned,
    );
    expect(await page.locator('#candidates .candidate[data-kind="negative"] .candidate-warnings').count()).toBe(0);
    await example.locator('textarea').fill('my delivery has been stuck at the depot for ages');
    // The list is drawn again whenever a version goes live (here: the live-version line changes): the
    // editor's edit survives it.
    const listedAgain = page.waitForResponse((r) => r.url().endsWith('/api/knowledge/candidates'));
    await page.locator('#live-version').evaluate((el) => el.append(' '));
    await listedAgain;
    await expect.poll(() => example.locator('textarea').inputValue()).toBe('my delivery has been stuck at the depot for ages');
    const accepted = page.waitForResponse((r) => r.url().endsWith('/api/knowledge/candidates/accept'));
    await example.locator('button[data-action="accept"]').click();
    const res = await accepted;
    expect(res.status(), await res.text()).toBe(200);
    // The publish runs every check (the model is trained on the new text) before the notice.
    await expect.poll(() => page.textContent('#notice'), { timeout: 15_000 }).toMatch(/^Published version \d+/);
    const live = parse(readFileSync(file, 'utf8')) as { entries: { id: string; examples: string[] }[] };
    expect(live.entries.find((e) => e.id === 'parcel-delays')!.examples).toContain('my delivery has been stuck at the depot for ages');
    await expect.poll(() => page.locator('#candidates .candidate[data-kind="example"]').count(), { timeout: 5000 }).toBe(0);
    await page.locator('#candidates .candidate[data-kind="negative"] button[data-action="reject"]').click();
    await expect.poll(() => page.locator('#candidates .candidate').count()).toBe(0);
    const history = await page.evaluate(() => fetch('/api/knowledge/history').then((r) => r.json()));
    expect(JSON.stringify(history)).toContain('learned examples');
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
