import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../console/require-chromium.js';
import { haveChromium, launchChromium } from '../console/launch-chromium.js';
import { sandboxReply } from '../../config/knowledge/knowledge-edits.js';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { toInstant } from '../../../config/time-zone.js';
import { campaignsKnowledge } from './calendar-fixture.js';

// Issue 23 in a real browser against the real service: a new incident from the short form (with
// phrasings suggested from real handed-off sandbox mentions) to a sandbox mention answered by it;
// answers per entry counting it; End now (the next mention is handed off); the calendar showing two
// overlapping campaigns and the gap after them, in the file's time zone.

declare const window: { __pwned?: unknown };

const PASSWORD = 'correct horse battery staple';
const HOSTILE = '@acme checkout failing when I pay <img src=x onerror=window.__pwned=1>';
const HANDOFFS = [
  '@acme checkout keeps failing when I pay',
  '@acme payment failed at checkout, twice now',
  HOSTILE,
  '@acme why was I charged twice?',
];
const ACK = /A member of our team has your message/;

describe.skipIf(!haveChromium)('new incident, end incident, calendar and answers in Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let file: string;
  const problems: string[] = [];

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-incident-page-')), 'knowledge.yaml');
    writeFileSync(file, campaignsKnowledge(Date.now()));
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false', UNDERSTANDING: 'keyword' });
    await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
    for (const text of HANDOFFS) expect(await sandboxReply(service.url, text)).toMatch(ACK);
    browser = await launchChromium();
    // The browser in another zone than the file: times must still read in the file's.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|422)/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    // End now asks for confirmation.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${service.url}/console/login?next=/console/knowledge`);
    await page.fill('#username', 'mia');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console/knowledge`);
    await page.locator('.cal-row').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('shows two overlapping campaigns and the gap after them on the calendar, in the file’s time zone', async () => {
    const row = (id: string) => page.locator(`.cal-row[data-entry="${id}"]`);
    const box = async (id: string) => (await row(id).locator('.cal-bar').boundingBox())!;
    const cyber = await box('cyber-week');
    const winter = await box('winter-sale');
    const spring = await box('spring-preview');
    // Cyber week ends after the winter sale starts: their bars share a stretch of the timeline.
    expect(winter.x).toBeGreaterThan(cyber.x);
    expect(winter.x).toBeLessThan(cyber.x + cyber.width);
    // A gap between the winter sale's end and the spring preview's start.
    expect(spring.x).toBeGreaterThan(winter.x + winter.width);
    expect(await row('cyber-week').locator('.cal-words').textContent()).toMatch(
      /^from \w{3} \d+ \w{3}, 09:00 until \w{3} \d+ \w{3}, 09:00$/,
    );
    expect(await page.locator('#calendar .hint').first().textContent()).toContain('Europe/Paris time');
    const notes = await page.locator('.cal-notes').textContent();
    expect(notes).toMatch(/Overlap: cyber-week and winter-sale, \w{3} \d+ \w{3}, 09:00 – \w{3} \d+ \w{3}, 09:00/);
    expect(notes).toMatch(/No campaign: /);
    // Only planned campaigns are compared: the always-on Black Friday entry would overlap them all.
    expect(notes).not.toContain('black-friday');
    expect(await page.locator('.cal-overlap').count()).toBe(1);
  });

  it('creates an incident from the short form and a sandbox mention gets its reply', async () => {
    await page.click('#new-incident');
    await page.fill('#ni-title', 'Checkout payments failing');
    await page.fill('#ni-action', 'Please wait ten minutes before paying again: you will not be charged twice');
    await page.fill('#ni-link', 'https://status.acme.example');
    // Since yesterday 08:30 in the file's zone (Paris), whatever the browser's zone.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await page.textContent('#ni-since-hint')).toBe('Europe/Paris time; empty: now');
    await page.fill('#ni-since', `${yesterday}T08:30`);
    await page.click('#ni-suggest');
    const examples = page.locator('input[name="ni-example"]');
    await examples.first().waitFor();
    // The customers' phrasings about checkout, handles dropped; the markup one shown as text.
    const texts = await page.locator('.ni-choices li span[dir="auto"]').allTextContents();
    expect(texts).toContain('checkout keeps failing when I pay');
    expect(texts).toContain('checkout failing when I pay <img src=x onerror=window.__pwned=1>');
    expect(texts).not.toContain('why was I charged twice?');
    expect(await page.locator('#incident-section img').count()).toBe(0);
    // The markup one is no phrasing for the file: untick it.
    await page.locator('.ni-choices li', { hasText: '<img' }).locator('input').uncheck();
    await page.fill('#ni-more', 'checkout failing');
    await page.click('#ni-add');

    // Added to the draft, previewed with a customer's words, ready to publish with a message.
    await page.locator('#preview-result', { hasText: 'Answers with checkout-payments-failing' }).waitFor({ timeout: 30_000 });
    expect(await page.textContent('#preview-result blockquote')).toContain('we know about this and are on it. Please wait ten minutes');
    const draft = await page.inputValue('#editor-text');
    expect(draft).toMatch(/- id: checkout-payments-failing\n {4}kind: incident\n/);
    const since = new Date(toInstant(`${yesterday} 08:30`, 'Europe/Paris')!).toISOString().replace('.000Z', 'Z');
    expect(draft).toContain(`    window:\n      start: ${since}\n`);
    expect(draft).not.toContain('<img');
    expect(await page.textContent('#draft-state')).toBe('Edited: not published');
    expect(await page.inputValue('#publish-message')).toBe('New incident: Checkout payments failing');
    // The calendar follows the draft.
    await page.locator('.cal-row[data-entry="checkout-payments-failing"]').waitFor();

    // Publish shows what changes first: the new entry, then Publish in the dialog.
    await page.click('#publish');
    await page.locator('#diff-dialog[open] .diff-entry.added', { hasText: 'checkout-payments-failing' }).waitFor({ timeout: 30_000 });
    await page.click('#diff-publish');
    await page.locator('#notice', { hasText: 'Published: version 2 is live' }).waitFor({ timeout: 30_000 });
    expect(readFileSync(file, 'utf8')).toBe(draft);
    expect(await sandboxReply(service.url, '@acme checkout failing again, what is going on')).toContain(
      'we know about this and are on it. Please wait ten minutes',
    );
    await page
      .locator('#live-incidents li', { hasText: 'Checkout payments failing' })
      .getByRole('button', { name: 'End Checkout payments failing now' })
      .waitFor();
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  }, 120_000);

  it('counts the answers per entry, with the latest ones', async () => {
    await sandboxReply(service.url, '@acme my parcel is two weeks late');
    await page.reload();
    const row = page.locator('#answers [data-entry="checkout-payments-failing"]');
    await row.waitFor();
    expect(await row.locator('.ans-day').textContent()).toBe('1');
    expect(await row.locator('.ans-week').textContent()).toBe('1');
    expect(await page.locator('#answers [data-entry="parcel-delays"] .ans-day').textContent()).toBe('1');
    expect(await page.locator('#answers [data-entry="winter-sale"] .ans-week').textContent()).toBe('0');
    await row.locator('summary').click();
    expect(await row.locator('blockquote').textContent()).toBe('@acme checkout failing again, what is going on');
  });

  it('ends the incident now: a later mention no longer gets its reply', async () => {
    await page
      .locator('#live-incidents li', { hasText: 'Checkout payments failing' })
      .getByRole('button', { name: /^End .* now$/ })
      .click();
    await page.locator('#notice', { hasText: 'Ended checkout-payments-failing: version 3 is live' }).waitFor({ timeout: 30_000 });
    expect(readFileSync(file, 'utf8')).toMatch(/- id: checkout-payments-failing[\s\S]*?window:\n {6}start: \S+\n {6}end: \S+Z\n/);
    expect(await sandboxReply(service.url, '@acme checkout failing again, what is going on')).toMatch(ACK);
    await page.locator('#live-incidents li', { hasText: 'Checkout payments failing' }).waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('.cal-row[data-entry="checkout-payments-failing"] .cal-words').textContent())
      .toMatch(/^was on from /);
    expect(await page.inputValue('#editor-text')).toBe(readFileSync(file, 'utf8'));
    expect(problems).toEqual([]);
  }, 60_000);
});
