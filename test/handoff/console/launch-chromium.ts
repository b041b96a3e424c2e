import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (CI installs it with apt); playwright-core brings no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what a person would notice went wrong on a page: script errors, console errors (but the
 * expected ones, e.g. the 401 of the first /api/me without a session) and unexpected dialogs, which
 * are dismissed.
 */
export function watchPageProblems(page: Page, problems: string[], expectedConsoleError = /status of 401/): void {
  // Chromium's "Failed to load resource" names no request: the failed responses say which one.
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || expectedConsoleError.test(msg.text())) return;
    problems.push(`console: ${msg.text()}`);
    // Said beside the test's output, not in the problem (tests compare the problems as Chromium words them).
    if (msg.text().startsWith('Failed to load resource'))
      console.warn(`browser: ${msg.text()} (last failed: ${failed.slice(-3).join('; ')})`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
}
