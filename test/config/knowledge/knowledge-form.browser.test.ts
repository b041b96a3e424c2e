import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from '../../handoff/console/launch-chromium.js';
import { exampleKnowledge, startService, type RunningService } from '../../helpers/start-service.js';

// Issue 23: marketing edits the knowledge without reading YAML. In a real browser against the real
// service (with an X channel, whose limit is short): an entry created through the form, the YAML view
// and back with nothing lost (a comment typed in the YAML kept), a window set with the pickers, a
// reply too long for X shown before any Check, and the diff before publish (a publish without it refused).

const PASSWORD = 'correct horse battery staple';
const base = readFileSync(exampleKnowledge, 'utf8');
const comments = (text: string) => text.split('\n').filter((l) => l.trimStart().startsWith('#'));

describe.skipIf(!haveChromium)('knowledge form in Chromium (issue 23)', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let file: string;
  const problems: string[] = [];

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-knowledge-form-')), 'knowledge.yaml');
    writeFileSync(file, base);
    service = await startService({
      KNOWLEDGE_FILE: file,
      KNOWLEDGE_WATCH: 'false',
      X_CONSUMER_SECRET: 'form-x-secret',
      X_ACCESS_TOKEN: 'form-user-token',
      X_USER_ID: '1600000000000000001',
    });
    await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|409|422)/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await page.goto(`${service.url}/console/login?next=%2Fconsole%2Fknowledge`);
    await page.fill('#username', 'mia');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#kf-title');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const draft = () => page.inputValue('#editor-text');

  it('opens on the form with Publish in view, the live version shown and the cursor at the top', async () => {
    expect(await page.getAttribute('#view-form', 'aria-pressed')).toBe('true');
    const publish = await page.locator('#publish').boundingBox();
    expect(publish!.y + publish!.height).toBeLessThan(900);
    expect(await page.textContent('#live-version')).toMatch(/Live: version 1/);
    await page.click('#view-yaml');
    expect(await page.textContent('#cursor-position')).toBe('Line 1, column 1');
    // Long lines wrap instead of running off the edge.
    const area = await page.$eval('#editor-text', (t) => ({ scroll: t.scrollWidth, client: t.clientWidth }));
    expect(area.scroll).toBeLessThanOrEqual(area.client + 1);
    await page.click('#view-form');
  });

  it('fits a tablet and a phone: nothing wider than the screen, Publish in view after scrolling', async () => {
    for (const size of [
      { width: 820, height: 1180 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      expect(await page.evaluate('document.documentElement.scrollWidth'), `${size.width}`).toBeLessThanOrEqual(size.width);
      await page.locator('#kf-previews').scrollIntoViewIfNeeded();
      const publish = await page.locator('#publish').boundingBox();
      expect(publish!.y, `${size.width}`).toBeGreaterThanOrEqual(0);
      expect(publish!.y + publish!.height, `${size.width}`).toBeLessThanOrEqual(size.height);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate('window.scrollTo(0, 0)');
  });

  it('creates an entry through the form, and keeps every change and comment across the YAML view', async () => {
    await page.click('#form-new');
    await page.fill('#kf-id', 'gift-cards');
    await page.fill('#kf-title', 'Gift card page broken');
    await page.fill('#kf-keywords', 'gift card\nvoucher page');
    await page.fill('#kf-examples', 'the gift card page is broken\nI cannot buy a voucher\nyour gift card shop shows an error');
    await page.fill('#kf-reply-default', 'Hi {{author}}, the gift card page is down. We are fixing it: {{link}}');
    await page.click('text=+ variable');
    await page.fill('[aria-label="variable name"]', 'link');
    await page.fill('[aria-label="variable value"]', 'https://status.acme.example');
    let text = await draft();
    expect(text.startsWith(base)).toBe(true);
    // After a blank line, as the file's entries are.
    expect(text.slice(base.length)).toBe(
      [
        '',
        '  - id: gift-cards',
        '    kind: incident',
        '    title: Gift card page broken',
        '    keywords: [gift card, voucher page]',
        '    examples:',
        '      - the gift card page is broken',
        '      - I cannot buy a voucher',
        '      - your gift card shop shows an error',
        '    vars:',
        '      link: https://status.acme.example',
        '    reply: "Hi {{author}}, the gift card page is down. We are fixing it: {{link}}"',
        '',
      ].join('\n'),
    );

    // A comment typed in the YAML view, then the form again: both survive each other.
    await page.click('#view-yaml');
    await page.fill(
      '#editor-text',
      text.replace('    kind: incident\n    title: Gift', '    kind: incident # since 09:12, ask Sam\n    title: Gift'),
    );
    await page.click('#view-form');
    await page.selectOption('#form-entry', { label: 'gift-cards' });
    expect(await page.inputValue('#kf-title')).toBe('Gift card page broken');
    await page.fill('#kf-title', 'Gift card shop down');
    await page.click('#view-yaml');
    text = await draft();
    expect(text).toContain('    kind: incident # since 09:12, ask Sam\n    title: Gift card shop down\n');
    expect(text).toContain('      link: https://status.acme.example\n');
    expect(comments(text)).toEqual(
      [...comments(base), '    kind: incident # since 09:12, ask Sam'].filter((l) => l.trimStart().startsWith('#')),
    );
    expect(text.slice(0, base.length)).toBe(base);
    await page.click('#view-form');
  });

  it('sets the window with the pickers in the chosen time zone, with a summary in plain words', async () => {
    await page.fill('#kf-zone', 'Europe/Paris');
    await page.fill('#kf-start', '2025-11-28T09:00');
    await page.fill('#kf-end', '2025-12-01T00:00');
    expect(await page.textContent('#kf-window-summary')).toBe('live from Fri 28 Nov 09:00 to Mon 1 Dec 00:00, Paris time');
    expect(await draft()).toContain(
      '    title: Gift card shop down\n    window:\n      start: 2025-11-28 09:00\n      end: 2025-12-01 00:00\n      timezone: Europe/Paris\n',
    );
    // Back to an open window: the pickers clear it, and the window goes from the file.
    for (const id of ['#kf-start', '#kf-end', '#kf-zone']) await page.fill(id, '');
    expect(await page.textContent('#kf-window-summary')).toBe('always live (no window)');
    expect(await draft()).not.toContain('window:\n      start: 2025');
  });

  it('shows a reply too long for X before any Check', async () => {
    const checks: string[] = [];
    page.on('request', (r) => r.url().includes('/api/knowledge/check') && checks.push(r.url()));
    await page.fill(
      '#kf-reply-default',
      `Hi {{author}}, the gift card page is down. ${'We are on it and will post updates here. '.repeat(6)}`,
    );
    const x = page.locator('#kf-previews li[data-channel="x"]');
    await expect.poll(() => x.getAttribute('class')).toBe('over');
    expect(await x.textContent()).toMatch(/x \d{3} \/ 280 · too long/);
    expect(await page.locator('#kf-previews li[data-channel="sandbox"]').getAttribute('class')).toBeNull();
    expect(checks).toEqual([]);
    // A shorter X variant fixes it there.
    await page.selectOption('#kf-variant-channel', 'x');
    await page.click('text=+ a variant for this channel');
    await page.fill('#kf-reply-x', 'Hi {{author}}, the gift card page is down: {{link}}');
    await expect.poll(() => x.getAttribute('class')).toBeNull();
    expect(await draft()).toContain('      x: "Hi {{author}}, the gift card page is down: {{link}}"\n');
  });

  it('shows the diff before publishing, and the server refuses a publish without it', async () => {
    const refused = await page.evaluate(
      async (text) => {
        const res = await fetch('/api/knowledge/publish', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        return { status: res.status, body: await res.json() };
      },
      await draft(),
    );
    expect(refused).toMatchObject({ status: 409, body: { message: expect.stringMatching(/look at the diff before publishing/) } });
    expect(readFileSync(file, 'utf8')).toBe(base);

    await page.fill('#publish-message', 'gift card outage');
    await page.click('#publish');
    const added = page.locator('#diff-dialog[open] .diff-entry.added');
    await added.waitFor({ timeout: 60_000 });
    expect(await added.locator('strong').textContent()).toBe('New entry: gift-cards');
    expect(await added.locator('.diff-field code').allTextContents()).toEqual([
      'id',
      'kind',
      'title',
      'keywords',
      'examples',
      'vars',
      'reply',
    ]);
    expect(await page.locator('#diff-body .diff-entry').count()).toBe(1);
    await page.locator('#diff-body .ok-line', { hasText: 'Every check passes' }).waitFor();
    const text = await draft();
    await page.click('#diff-publish');
    await page.locator('#notice', { hasText: 'Published: version 2 is live' }).waitFor({ timeout: 60_000 });
    expect(readFileSync(file, 'utf8')).toBe(text);
    await expect.poll(() => page.textContent('#live-version')).toMatch(/Live: version 2, by mia/);
    expect(problems).toEqual([]);
  }, 120_000);
  it('on a large file writes a field once typing pauses, and at once when the view changes', async () => {
    await page.click('#view-yaml');
    const large = `${await draft()}${'# a long note kept in the file\n'.repeat(2000)}`;
    // Set at once (typing this much in the test would take long), as an upload or a paste does.
    await page.$eval(
      '#editor-text',
      (area, text) => {
        (area as unknown as { value: string }).value = text;
        area.dispatchEvent(new Event('input'));
      },
      large,
    );
    await page.click('#view-form');
    await page.selectOption('#form-entry', { label: 'gift-cards' });
    await page.fill('#kf-title', 'Gift card shop back up');
    await page.click('#view-yaml');
    expect(await draft()).toBe(large.replace('title: Gift card shop down', 'title: Gift card shop back up'));
  });
});
