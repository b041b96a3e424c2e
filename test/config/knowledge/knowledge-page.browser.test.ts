import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from '../../handoff/console/launch-chromium.js';
import { exampleKnowledge, repoRoot, startService, type RunningService } from '../../helpers/start-service.js';
import { sandboxReply } from './knowledge-edits.js';

// The knowledge editor in a real browser against the real service: sign in as an editor, check a
// draft and jump to its problem, publish (refused, then accepted), preview, roll back. Text from
// the file is shown as text: markup in a title runs nothing.

declare const window: { __pwned?: unknown };

const PASSWORD = 'correct horse battery staple';
const HOSTILE_TITLE = 'App login failures <img src=x onerror=window.__pwned=1>';
const base = readFileSync(exampleKnowledge, 'utf8').replace('title: App login failures', `title: "${HOSTILE_TITLE}"`);
const fixed = base.replace('we know about the login problem in the app', 'the app is back up since 10:42');
const failing = fixed.replace('expect: app-outage', 'expect: parcel-delays');

describe.skipIf(!haveChromium)('knowledge editor page in Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let file: string;
  const problems: string[] = [];

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-editor-page-')), 'knowledge.yaml');
    writeFileSync(file, base);
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
    await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|404|422)/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    // Rolling back asks for confirmation.
    page.on('dialog', (dialog) => void dialog.accept());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('checks, refuses, publishes, previews and rolls back from the page', async () => {
    await page.goto(`${service.url}/console/knowledge`);
    await page.waitForURL(/\/console\/login\?next=%2Fconsole%2Fknowledge/);
    await page.fill('#username', 'mia');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console/knowledge`);
    await expect.poll(() => page.inputValue('#editor-text')).toBe(base);
    // The form is the first view; this test edits the text.
    await page.click('#view-yaml');
    // The title is text in the entries table, not markup.
    expect(await page.locator('#entries th .hint', { hasText: '<img' }).textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('#entries img').count()).toBe(0);
    expect(await page.textContent('#live-version')).toMatch(/Live: version 1, by file/);

    // A draft with a failing test case: Check lists it; its place moves the cursor there.
    await page.fill('#editor-text', failing);
    expect(await page.textContent('#draft-state')).toBe('Edited: not published');
    await page.click('#check');
    const problem = page.locator('#problems .problem.error', { hasText: 'expected parcel-delays' });
    await problem.waitFor({ timeout: 30_000 });
    const line = failing.split('\n').findIndex((l) => l.includes('the app is down again??')) + 1;
    const where = await problem.locator('button.goto').textContent();
    expect(where).toMatch(new RegExp(`^${line}:\\d+$`));
    await problem.locator('button.goto').click();
    expect(await page.textContent('#cursor-position')).toBe(`Line ${line}, column ${where!.split(':')[1]}`);

    // Publishing it: the diff shows the failing test case and Publish stays off; the file stays.
    await page.fill('#publish-message', 'should be refused');
    await page.click('#publish');
    await page.locator('#diff-dialog[open]').waitFor({ timeout: 30_000 });
    await page.locator('#diff-body .problem.error', { hasText: 'expected parcel-delays' }).waitFor();
    expect(await page.isDisabled('#diff-publish')).toBe(true);
    await page.click('#diff-cancel');
    expect(readFileSync(file, 'utf8')).toBe(base);

    // The fixed text goes live at once.
    await page.fill('#editor-text', fixed);
    await page.fill('#publish-message', 'login fixed');
    await page.click('#publish');
    await page.locator('#diff-dialog[open] .diff-entry.changed', { hasText: 'app-outage' }).waitFor({ timeout: 30_000 });
    await page.click('#diff-publish');
    await page.locator('#notice', { hasText: 'Published: version 2 is live' }).waitFor({ timeout: 30_000 });
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    const v2 = page.locator('#history li', { hasText: 'login fixed' });
    expect(await v2.textContent()).toMatch(/v2\s*mia.*login fixed.*changed app-outage/s);
    expect(await sandboxReply(service.url, 'the app is down again')).toContain('the app is back up since 10:42');

    // Preview against the live file.
    await page.fill('#preview-text', 'the app is down again');
    await page.selectOption('#preview-channel', 'sandbox');
    await page.uncheck('#preview-draft');
    await page.click('#preview-form button[type="submit"]');
    await page.locator('#preview-result', { hasText: 'Answers with app-outage' }).waitFor();
    expect(await page.textContent('#preview-result blockquote')).toContain('the app is back up since 10:42');
    // A mention it hands off: why, in words, once (the line above it already says it hands off).
    await page.fill('#preview-text', 'why was I charged twice for my order?');
    await page.click('#preview-form button[type="submit"]');
    await page.locator('#preview-result', { hasText: 'Hands off to a person' }).waitFor();
    expect(await page.locator('#preview-result .hint').first().textContent()).toMatch(
      /^It reads more like the built-in topic "billing" \(as ".+"\), a question no entry covers, than like "/,
    );

    // One click (and a confirmation) rolls back to version 1.
    await page.locator('#history li', { hasText: 'first version' }).getByRole('button', { name: 'Roll back to this' }).click();
    await page.locator('#notice', { hasText: 'Rolled back: version 3 is live' }).waitFor({ timeout: 30_000 });
    expect(readFileSync(file, 'utf8')).toBe(base);
    await expect.poll(() => page.inputValue('#editor-text')).toBe(base);
    expect(await sandboxReply(service.url, 'the app is down again')).toContain('we know about the login problem');

    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    mkdirSync(path.join(repoRoot, 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'artifacts/knowledge-editor.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 180_000);
});
