import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from './create-agent.js';
import { CHROMIUM, haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';
import { postJson, repoRoot, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// The console in a real browser (Debian's chromium driven by playwright-core) against the real
// service with its sandbox channel: sign in, a handoff appears live, claim, reply, and the reply
// reaches the sandbox platform's thread. Hostile text must show as text and run nothing.
if (!haveChromium) console.warn(`console browser test skipped: ${CHROMIUM} is not installed (apt-get install chromium; CI installs it)`);

const PASSWORD = 'correct horse battery staple';
// Long enough to need wrapping, short enough for the sandbox's post limit (SANDBOX_MAX_LENGTH, 500).
const LONG_WORD = 'W'.repeat(380);
const HOSTILE = `why was I charged twice? <img src=x onerror=window.__pwned=1> <script>window.__pwned=2</script> ${LONG_WORD} 😀👩‍👩‍👧 end`;
const RTL = 'لماذا تم خصم المبلغ مرتين من بطاقتي؟ שלום, תודה';

// Functions passed to page.evaluate run in the browser; this Node project has no DOM types, so
// these module-local declarations name the browser globals that code uses.
declare const window: { __sameDocument?: boolean; __pwned?: unknown };
declare const document: { documentElement: { scrollWidth: number; clientWidth: number }; activeElement: { id: string } | null };
declare function getComputedStyle(element: unknown): { direction: string };

interface SandboxThread {
  posts: { author: string; text: string; fromBrand: boolean }[];
}

async function signIn(page: Page, service: RunningService) {
  await page.goto(`${service.url}/console`);
  // The page holds no data: without a session the API answers 401 and the page sends us to sign in.
  await page.waitForURL(/\/console\/login\?next=/);
  await page.fill('#username', 'ann');
  await page.fill('#password', 'not the password');
  await page.click('button[type="submit"]');
  await expect.poll(() => page.textContent('#login-error')).toContain('Wrong username or password');
  await page.fill('#password', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${service.url}/console`);
  await page.waitForSelector('.live-status.live');
}

const row = (page: Page, author: string) => page.locator('#queue button.row', { has: page.locator('.author', { hasText: author }) });

describe.skipIf(!haveChromium)('agent console in Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let hostile: { status: number; body: { threadId: string; postId: string } };

  beforeAll(async () => {
    service = await startService({ SANDBOX_ENABLED: 'true' });
    await createAgent(service, 'ann', PASSWORD);
    await createAgent(service, 'bob', PASSWORD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watchPageProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('signs in, shows handoffs live, claims, replies into the platform thread, and renders hostile text inertly', async () => {
    await signIn(page, service);
    // An agent without the editor role is not offered the knowledge editor.
    expect(await page.locator('#top nav a').allTextContents()).toEqual(['Queue', 'No reply', 'SLA report', 'Team reports']);
    // A marker that a reload would wipe: the queue must update without one.
    await page.evaluate(() => (window.__sameDocument = true));

    hostile = await postJson(`${service.url}/sandbox/mentions`, { author: '@mallory', text: HOSTILE });
    expect(hostile.status).toBe(202);
    const rtl = await postJson(`${service.url}/sandbox/mentions`, { author: '@layla', text: RTL });
    expect(rtl.status).toBe(202);

    await row(page, '@mallory').waitFor({ timeout: 15_000 });
    await row(page, '@layla').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    await expect.poll(() => row(page, '@mallory').locator('.badge').first().textContent()).toBe('waiting');

    // Right-to-left text takes its own direction.
    expect(
      await row(page, '@layla')
        .locator('.row-text')
        .evaluate((el) => getComputedStyle(el).direction),
    ).toBe('rtl');

    await row(page, '@mallory').click();
    const customer = page.locator('#thread .msg.from-customer .msg-text').first();
    await customer.waitFor();
    // Shown literally, character for character: markup is text, nothing was parsed or run.
    expect(await customer.textContent()).toBe(HOSTILE);
    expect(await page.locator('#thread img, #thread script, #queue img, #queue script').count()).toBe(0);
    // The link to the post on the platform: only http(s) links are ever made clickable.
    expect(await page.locator('#thread .thread-head a.channel').getAttribute('href')).toBe(
      `${service.url}/sandbox/threads/${hostile.body.threadId}#${hostile.body.postId}`,
    );
    const hrefs = await page.evaluate(
      `import('/console/assets/thread-view.js').then((m) => ['javascript:window.__pwned=3', 'data:text/html,<b>x</b>', ' JavaScript:alert(1)', 'https://x.example/p'].map(m.safeHref))`,
    );
    expect(hrefs).toEqual([null, null, null, 'https://x.example/p']);
    // The bot's acknowledgement is part of the conversation as the customer sees it.
    await page.locator('#thread .msg.from-bot').first().waitFor();

    // Keyboard: the row has the focus after the click; "c" claims.
    await page.keyboard.press('c');
    const box = page.locator('#reply-text');
    await expect.poll(() => box.isEnabled()).toBe(true);
    await expect.poll(() => row(page, '@mallory').locator('.badge').first().textContent()).toBe('yours');

    // The customer writes again while the agent types: the thread refreshes live, the draft, the
    // focus and the caret stay where they were.
    await box.click();
    await page.keyboard.type('Hi @mallory, I have');
    await postJson(`${service.url}/sandbox/mentions`, { author: '@mallory', text: 'hello?? anyone there', inReplyTo: hostile.body.postId });
    await page.locator('#thread .msg.from-customer .msg-text', { hasText: 'anyone there' }).waitFor({ timeout: 15_000 });
    await page.keyboard.type(' refunded');
    expect(await box.inputValue()).toBe('Hi @mallory, I have refunded');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-text');

    const reply = 'Hi @mallory, I have refunded the second charge: you will see it within 3 days. 🙏';
    await box.fill(reply);
    // The sandbox counts graphemes, 500 per post.
    expect(await page.textContent('#reply-count')).toBe(`${500 - [...new Intl.Segmenter().segment(reply)].length} characters left`);
    await box.fill('a'.repeat(501));
    expect(await page.textContent('#reply-count')).toBe('-1 characters: will be sent as 2 posts');
    expect(await page.locator('#reply-count.over').count()).toBe(1);
    await box.fill(reply);
    await page.keyboard.press('Control+Enter');

    const posts = await waitFor(
      async () => {
        const res = await fetch(`${service.url}/sandbox/threads/${hostile.body.threadId}`);
        const thread = (await res.json()) as SandboxThread;
        return thread.posts.some((p) => p.fromBrand && p.text === reply) ? thread.posts : undefined;
      },
      10_000,
      'the agent reply in the sandbox thread',
    );
    expect(posts[0]!.text).toBe(HOSTILE);
    // The page shows the reply in the conversation too.
    await page.locator('#thread .msg.from-agent .msg-text', { hasText: 'refunded the second charge' }).waitFor();

    // Nothing ran: not the <img onerror>, not the <script>; no dialog, no page error, no CSP report.
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    // The 500-character word wraps: the page never scrolls sideways.
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    const message = await customer.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(message[0]).toBeLessThanOrEqual(message[1]!);

    mkdirSync(path.join(repoRoot, 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'artifacts/console.png') });
    // On a phone-sized screen too.
    await page.setViewportSize({ width: 360, height: 800 });
    const narrow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(narrow[0]).toBeLessThanOrEqual(narrow[1]!);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows another agent the thread as held: no claim, no reply', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const bob = await context.newPage();
    await bob.goto(`${service.url}/console/login?next=/console`);
    await bob.fill('#username', 'bob');
    await bob.fill('#password', PASSWORD);
    await bob.click('button[type="submit"]');
    await row(bob, '@mallory').waitFor();
    expect(await row(bob, '@mallory').locator('.badge').first().textContent()).toBe('with ann');
    await row(bob, '@mallory').click();
    await bob.locator('#thread .actions .hint', { hasText: 'Held by ann' }).waitFor();
    expect(await bob.locator('#thread button[data-action="claim"]').isDisabled()).toBe(true);
    expect(await bob.locator('#reply-text').isDisabled()).toBe(true);
    // "c" does nothing on a held thread: still ann's.
    await bob.keyboard.press('c');
    await bob.waitForTimeout(300);
    expect(await row(bob, '@mallory').locator('.badge').first().textContent()).toBe('with ann');
    await context.close();
  }, 60_000);

  it('reconnects to the live events after the stream was refused', async () => {
    // The server refuses the stream (as while restarting): the page retries and, once it gets
    // through, catches up and shows new handoffs live again.
    await page.route('**/api/events', (route) => route.fulfill({ status: 503, body: '' }));
    await page.goto(`${service.url}/console`);
    await page.locator('.live-status.offline').waitFor();
    await page.unroute('**/api/events');
    await page.locator('.live-status.live').waitFor({ timeout: 10_000 });
    await postJson(`${service.url}/sandbox/mentions`, { author: '@late', text: 'why was I charged twice? after the reconnect' });
    await row(page, '@late').waitFor({ timeout: 15_000 });
    // The refused streams are the only errors the page reported.
    const refused = problems.filter((p) => /status of 503/.test(p));
    expect(refused.length).toBeGreaterThan(0);
    problems.splice(0, problems.length, ...problems.filter((p) => !refused.includes(p)));
    expect(problems).toEqual([]);
  }, 60_000);

  it('draws the SLA report as an SVG chart from the API', async () => {
    await page.goto(`${service.url}/console/reports`);
    await page.locator('svg.chart rect.bar').first().waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const report = (await (await page.request.get(`${service.url}/api/reports/sla?days=14`)).json()) as {
      days: { day: string; mentions: number; noReply: number; acknowledged: { within1m: number } }[];
    };
    const figures = report.days.find((d) => d.day === today)!;
    expect(figures.mentions).toBeGreaterThanOrEqual(3);
    // Fourteen days on the axis (days without mentions included), today's figures in the table.
    expect(await page.locator('table.figures tbody tr').count()).toBe(14);
    const cells = await page
      .locator('table.figures tbody tr', { has: page.locator('th', { hasText: today }) })
      .locator('td')
      .allTextContents();
    // Mentions owed an answer, then those decided to need no reply (issue 15), then the shares.
    expect(cells.slice(0, 3)).toEqual([
      String(figures.mentions),
      String(figures.noReply),
      `${Math.round(figures.acknowledged.within1m * 100)}%`,
    ]);
    // Today's "within 1 min" bar is as tall as its share: 0% at y=184, 100% at y=12.
    const bar = page.locator('svg.chart').first().locator('rect.bar.s1').last();
    expect(Number(await bar.getAttribute('height'))).toBeCloseTo(172 * figures.acknowledged.within1m, 5);
    expect(problems).toEqual([]);
  }, 60_000);

  it('finding 7: shows the first page of a long queue with the total, loads the next on "more", from the keyboard and on scrolling, and keeps updating live', async () => {
    const before = (await (await page.request.get(`${service.url}/api/queue?limit=1`)).json()) as { total: number };
    for (let i = 0; i < 55; i++)
      expect(
        (await postJson(`${service.url}/sandbox/mentions`, { author: `@many${i}`, text: `why was I charged twice? case ${i}` })).status,
      ).toBe(202);
    await waitFor(
      async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined),
      60_000,
      'every mention decided',
    );
    const total = ((await (await page.request.get(`${service.url}/api/queue?limit=1`)).json()) as { total: number }).total;
    expect(total).toBeGreaterThanOrEqual(before.total + 55);

    // Without automatic loading (as if the agent never scrolled): the first page, the total in the
    // title pill, how many are left beside the "more" button.
    const stillContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await stillContext.addCookies(await page.context().cookies());
    const still = await stillContext.newPage();
    await still.addInitScript('delete window.IntersectionObserver');
    await still.goto(`${service.url}/console`);
    const rows = still.locator('#queue button.row');
    const more = still.locator('#queue .more-button');
    await more.waitFor();
    expect(await rows.count()).toBe(50);
    expect(await still.textContent('#queue-count')).toBe(String(total));
    expect(await still.textContent('#queue .more-left')).toBe(`${total - 50} not shown yet`);
    // From the keyboard: down from the last row reaches "more", down again loads the next page and
    // goes on at its first thread.
    const active = () =>
      still.evaluate(() => {
        const a = document.activeElement as unknown as { className: string; dataset?: { key?: string } } | null;
        return { className: a?.className, key: a?.dataset?.key };
      });
    await rows.nth(49).focus();
    await still.keyboard.press('j');
    expect((await active()).className).toBe('more-button');
    await still.keyboard.press('j');
    await expect.poll(() => rows.count()).toBe(Math.min(total, 100));
    const firstOfNext = await rows.nth(50).getAttribute('data-key');
    await expect.poll(async () => (await active()).key).toBe(firstOfNext);
    const keys = await rows.evaluateAll((buttons) => buttons.map((b) => (b as unknown as { dataset: { key: string } }).dataset.key));
    expect(new Set(keys).size).toBe(keys.length);
    // A click on "more" loads the next page too.
    await still.reload();
    await more.click();
    await expect.poll(() => rows.count()).toBe(Math.min(total, 100));
    await stillContext.close();

    // Scrolling to the end of the list loads the next page by itself.
    await page.goto(`${service.url}/console`);
    const live = page.locator('#queue button.row');
    await page.locator('#queue .more-button').waitFor();
    await page
      .locator('#queue')
      .evaluate(
        (list) => ((list as unknown as { scrollTop: number }).scrollTop = (list as unknown as { scrollHeight: number }).scrollHeight),
      );
    await expect.poll(() => live.count()).toBe(Math.min(total, 100));

    // A new handoff arrives: it is shown live, and the pages already loaded stay loaded.
    await postJson(`${service.url}/sandbox/mentions`, { author: '@newest', text: 'why was I charged twice? the newest one' });
    await row(page, '@newest').waitFor({ timeout: 15_000 });
    expect(await live.count()).toBe(Math.min(total + 1, 100));
    expect(await page.textContent('#queue-count')).toBe(String(total + 1));
    expect(problems).toEqual([]);
  }, 120_000);

  it('signs out: the session ends and the console asks to sign in again', async () => {
    await page.goto(`${service.url}/console`);
    await page.locator('#top button', { hasText: 'Sign out' }).click();
    await page.waitForURL(/\/console\/login/);
    await page.goto(`${service.url}/console`);
    await page.waitForURL(/\/console\/login\?next=%2Fconsole/);
  }, 60_000);
});
