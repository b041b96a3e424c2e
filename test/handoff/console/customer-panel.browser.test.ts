import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

// Functions passed to page.evaluate run in the browser (no DOM types in this Node project).
declare const window: { __pwned?: unknown };
declare const document: {
  documentElement: { scrollWidth: number };
  querySelector(s: string): { dataset: Record<string, string | undefined> } | null;
  activeElement: { id: string } | null;
};

/** Issue 17 in Chromium: one view of the customer, linked identities, notes, tags, reassign, who sent a reply. */
describe.skipIf(!haveChromium)('issue 17 — the customer panel, tags and reassign in the console', () => {
  let service: RunningService;
  let browser: Browser;
  const problems: string[] = [];

  const post = async (author: string, text: string) => {
    const res = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    expect(res.status).toBe(202);
    return threadKey('sandbox', (res.body as { threadId: string }).threadId);
  };
  /** A post on another channel, as its poller stores it (the test service runs the sandbox only). */
  const otherChannelPost = async (channel: string, author: string, id: string, text: string) => {
    await service.store.acceptMention(
      { channel, platformId: id, threadId: id, author, text, createdAt: new Date().toISOString() },
      Date.now(),
      Date.now() + 60_000,
    );
    return threadKey(channel, id);
  };
  const decided = () =>
    waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 20_000, 'all decided');
  const signIn = async (name: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
    await agentClient(service, name); // creates the user with the password `${name}-password-123`
    const page = await browser.newPage({ viewport });
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console/login?next=/console`);
    await page.fill('#username', name);
    await page.fill('#password', `${name}-password-123`);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.live-status.live');
    return page;
  };
  const open = async (page: Page, key: string) => {
    await page.click(`#queue button.row[data-key="${key}"]`);
    await page.locator(`#customer-panel .customer-thread[data-key="${key}"][aria-current="true"]`).waitFor();
  };
  const tagShown = (page: Page, tag: string) =>
    waitFor(
      async () => ((await page.locator('.tag-bar .tag').allTextContents()).includes(`${tag}×`) ? true : undefined),
      15_000,
      `the tag ${tag} in the open thread`,
    );
  /** Another agent tags `key`: the live event redraws the thread open on `page`, which shows the tag. */
  const redrawnBy = async (page: Page, key: string, tag: string) => {
    const lee = await agentClient(service, 'lee', ['agent'], 'token');
    expect((await lee.call('POST', `/api/threads/${encodeURIComponent(key)}/tags`, { tag })).status).toBe(200);
    await tagShown(page, tag);
  };
  const panelThreads = (page: Page) =>
    page.locator('#customer-panel .customer-thread').evaluateAll((n) => n.map((e) => e.getAttribute('data-key')));

  let charged: string;
  let parcel: string;
  let mastodon: string;
  let late: string;

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true' });
    browser = await launchChromium();
    parcel = await post('@ann', '@acme my parcel is two weeks late <img src=x onerror=window.__pwned=true>');
    mastodon = await otherChannelPost('mastodon', '@ann@mastodon.social', 'ms-1', '@acme the refund never \u202Earrived\u202C');
    charged = await post('@ann', '@acme why was I charged twice on my card?');
    late = await post('@cy', '@acme why was I charged twice? second time!');
    await decided();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it("shows the author's threads with their outcome beside the thread, links a Mastodon identity (both histories) and undoes it", async () => {
    const page = await signIn('sam');
    await open(page, charged);
    const panel = page.locator('#customer-panel');
    expect(await panel.locator('.identities li').count()).toBe(1);
    expect(await panelThreads(page)).toEqual([charged, parcel]);
    expect(await panel.locator(`.customer-thread[data-key="${parcel}"] .outcome`).textContent()).toBe('Answered by the bot: parcel-delays');
    expect(await panel.locator(`.customer-thread[data-key="${charged}"] .outcome`).textContent()).toBe('Waiting for a person');
    // Customer text is shown as characters, never markup.
    expect(await panel.locator(`.customer-thread[data-key="${parcel}"] .ct-text`).textContent()).toContain('<img src=x onerror=');
    expect(await panel.locator('img').count()).toBe(0);

    await panel.locator('.link-identity summary').click();
    await page.fill('#link-channel', 'mastodon');
    await page.fill('#link-author', '@ann@mastodon.social');
    await panel.locator('.link-form button').click();
    await panel.locator('.identities li').nth(1).waitFor();
    expect(await panel.locator('.identities li').allTextContents()).toEqual(['@ann sandbox', '@ann@mastodon.social mastodonUnlink']);
    expect(await panelThreads(page)).toEqual([charged, mastodon, parcel]);
    // The bidi override in the customer's text never reaches the page.
    expect(await panel.locator(`.customer-thread[data-key="${mastodon}"] .ct-text`).textContent()).toBe('@acme the refund never arrived');
    // A thread in the panel opens on click: it is the Mastodon thread, and its panel shows the same customer.
    await panel.locator(`.customer-thread[data-key="${mastodon}"]`).click();
    await page.locator(`#customer-panel .customer-thread[data-key="${mastodon}"][aria-current="true"]`).waitFor();
    expect(await page.locator('#thread-title bdi').first().textContent()).toBe('@ann@mastodon.social');
    expect(await panel.locator('.identities .author').allTextContents()).toEqual(['@ann@mastodon.social', '@ann']);

    // What an agent types to link is kept through a live redraw of the panel (another agent tags the thread).
    await panel.locator('.link-identity summary').click();
    await page.fill('#link-channel', 'x');
    await page.fill('#link-author', '@ann_ty');
    await page.evaluate(() => {
      document.querySelector('#link-author')!.dataset.before = 'redraw';
    });
    const lee = await agentClient(service, 'lee', ['agent'], 'token');
    expect((await lee.call('POST', `/api/threads/${encodeURIComponent(mastodon)}/tags`, { tag: 'redrawn' })).status).toBe(200);
    await waitFor(
      async () => ((await page.evaluate(() => document.querySelector('#link-author')?.dataset.before)) ? undefined : true),
      15_000,
      'the panel drawn again',
    );
    expect(await page.inputValue('#link-channel')).toBe('x');
    expect(await page.inputValue('#link-author')).toBe('@ann_ty');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-author');

    // A mistyped handle is refused with the reason, nothing linked.
    await page.fill('#link-author', '@ann_typo');
    await panel.locator('.link-form button').click();
    await waitFor(
      async () => ((await page.locator('#notice').textContent())?.includes('check the handle') ? true : undefined),
      15_000,
      'the refusal',
    );
    expect(await panel.locator('.identities li').count()).toBe(2);
    // The browser logs the refused request (404): that one is expected.
    expect(problems.splice(0)).toEqual(['console: Failed to load resource: the server responded with a status of 404 (Not Found)']);

    // Undo the link: each identity has its own threads again.
    await panel.locator('.identities .unlink').click();
    await waitFor(async () => ((await panel.locator('.identities li').count()) === 1 ? true : undefined), 5000, 'the unlink');
    expect(await panelThreads(page)).toEqual([mastodon]);
    await open(page, charged);
    expect(await panelThreads(page)).toEqual([charged, parcel]);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the customer's notes across their threads and a reload; a stale save is refused, the draft kept", async () => {
    const page = await signIn('sam');
    await open(page, charged);
    await page.fill('#customer-notes', 'Charged twice in November. Prefers French.');
    await page.click('#customer-panel .customer-notes button');
    await page.locator('#customer-panel .notes-bar .hint').waitFor();
    // Another of her threads (answered by the bot, so not in the queue: opened from the panel): the same notes.
    await page.click(`#customer-panel .customer-thread[data-key="${parcel}"]`);
    await page.locator(`#customer-panel .customer-thread[data-key="${parcel}"][aria-current="true"]`).waitFor();
    expect(await page.inputValue('#customer-notes')).toBe('Charged twice in November. Prefers French.');
    expect(await page.locator('#customer-panel .notes-bar .hint').textContent()).toMatch(/^by sam · /);
    // Someone else saves meanwhile: this page's save is refused and its draft stays.
    const lee = await agentClient(service, 'lee', ['agent'], 'token');
    const saved = await lee.call('PUT', '/api/customers/sandbox/%40ann/notes', { text: 'Lee was here.', version: 1 });
    expect(saved.status).toBe(200);
    await page.fill('#customer-notes', 'My edit.');
    await page.click('#customer-panel .customer-notes button');
    await waitFor(
      async () => ((await page.locator('#notice').textContent())?.includes('lee changed these notes') ? true : undefined),
      5000,
      'the 409',
    );
    expect(await page.inputValue('#customer-notes')).toBe('My edit.');
    await page.reload();
    await page.waitForSelector('.live-status.live');
    await open(page, charged);
    expect(await page.inputValue('#customer-notes')).toBe('Lee was here.');
    problems.splice(0); // the 409 is logged by the browser as a failed request
    await page.close();
  });

  it('tags the open thread; the queue row shows the tags (for another agent too, live); a tag is removed', async () => {
    const page = await signIn('sam');
    const other = await signIn('lee');
    await open(page, late);
    for (const [i, tag] of ['Billing', 'vip'].entries()) {
      await page.fill('#tag-input', tag);
      await page.press('#tag-input', 'Enter');
      await waitFor(async () => ((await page.locator('.tag-bar .tag').count()) === i + 1 ? true : undefined), 15_000, `tag ${i + 1}`);
    }
    expect(await page.locator('.tag-bar .tag').allTextContents()).toEqual(['billing×', 'vip×']);
    const row = (p: Page) => p.locator(`#queue button.row[data-key="${late}"] .row-tags .tag`);
    await waitFor(async () => ((await row(page).count()) === 2 ? true : undefined), 15_000, 'the tags in the row');
    await waitFor(async () => ((await row(other).count()) === 2 ? true : undefined), 15_000, "the tags in the other agent's row");
    await page.click('.tag-bar button[aria-label="Remove the tag vip"]');
    await waitFor(async () => ((await row(other).allTextContents()).join() === 'billing' ? true : undefined), 15_000, 'the removal');
    // The open thread redraws on the tag event (live): its tag bar is read once that has settled.
    await waitFor(
      async () => ((await page.locator('.tag-bar .tag').allTextContents()).join() === 'billing×' ? true : undefined),
      15_000,
      'the removal in the open thread',
    );
    expect(problems).toEqual([]);
    await Promise.all([page.close(), other.close()]);
  });

  it('typing a tag goes on through a live redraw of the thread (the box keeps its focus and caret)', async () => {
    const page = await signIn('sam');
    await open(page, charged);
    await page.click('#tag-input');
    await page.keyboard.type('vi');
    // Another agent tags the thread: the live event redraws it while sam is typing.
    await redrawnBy(page, charged, 'urgent');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tag-input');
    await page.keyboard.type('p');
    await page.keyboard.press('Enter');
    await tagShown(page, 'vip');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a name picked to reassign to stays picked through a live redraw of the thread', async () => {
    const page = await signIn('sam');
    await open(page, charged);
    await page.selectOption('#reassign-to', 'lee');
    await redrawnBy(page, charged, 'second-look');
    expect(await page.inputValue('#reassign-to')).toBe('lee');
    expect(await page.locator('#thread .reassign button').isEnabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an internal note being typed, and a search of the entries, go on through a live redraw of the thread', async () => {
    const page = await signIn('sam');
    await open(page, charged);
    await page.click('.note-box summary');
    await page.click('#note-text');
    await page.keyboard.type('Card ends ');
    await redrawnBy(page, charged, 'note-redraw');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('note-text');
    await page.keyboard.type('4242');
    expect(await page.inputValue('#note-text')).toBe('Card ends 4242');

    await page.click('.pick-entry summary');
    await page.click('#pick-search');
    await page.keyboard.type('black');
    await redrawnBy(page, charged, 'search-redraw');
    expect(await page.locator('details.pick-entry').getAttribute('open')).not.toBeNull();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pick-search');
    await page.keyboard.type(' friday');
    expect(await page.inputValue('#pick-search')).toBe('black friday');
    expect(await page.locator('.pick-list button.pick').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reassigns from the console: the other agent sees the thread as theirs; each reply names the agent who sent it', async () => {
    const sam = await signIn('sam');
    const lee = await signIn('lee');
    await open(sam, late);
    await sam.click('#thread button[data-action="claim"]');
    await sam.locator('#reply-text:not([disabled])').waitFor();
    await sam.fill('#reply-text', 'Hi Cy, looking at the second charge now.');
    await sam.click('#thread .reply-box button[type="submit"]');
    await sam.locator('#thread .msg.from-agent .sent-by').waitFor();
    expect(await sam.locator('#thread .msg.from-agent .author').textContent()).toBe('@acme');
    expect(await sam.locator('#thread .msg.from-agent .sent-by').textContent()).toBe('sent by sam');

    // The picker lists the people who may own threads, not the owner.
    await sam.locator('#reassign-to').waitFor();
    expect(await sam.locator('#reassign-to option').allTextContents()).toEqual(['Reassign to…', 'lee']);
    await sam.selectOption('#reassign-to', 'lee');
    await sam.click('#thread .reassign button');
    await waitFor(
      async () => ((await sam.locator('#thread .thread-meta').textContent())?.includes('lee') ? true : undefined),
      5000,
      'reassigned',
    );
    expect(await sam.locator('#reply-text').isDisabled()).toBe(true);
    // Lee's queue says it is theirs, and their reply box is open.
    const leeRow = lee.locator(`#queue button.row[data-key="${late}"] .badge.state-agent.mine`);
    await waitFor(async () => ((await leeRow.count()) === 1 ? true : undefined), 5000, "lee's row");
    expect(await leeRow.textContent()).toBe('yours');
    await lee.click('nav.views button.view[data-view="mine"]');
    await waitFor(async () => ((await lee.locator('#queue button.row').count()) === 1 ? true : undefined), 5000, "lee's Mine filter");
    await open(lee, late);
    expect(await lee.locator('#reply-text').isDisabled()).toBe(false);
    expect(await lee.locator('#thread .msg.from-agent .sent-by').textContent()).toBe('sent by sam');
    expect(problems).toEqual([]);
    await Promise.all([sam.close(), lee.close()]);
  });

  it('fits beside the thread at 1280 px and stacks below it at 390 px, with no sideways scroll', async () => {
    const wide = await signIn('sam');
    await open(wide, charged);
    const box = async (p: Page, selector: string) => (await p.locator(selector).boundingBox())!;
    const [thread, panel] = [await box(wide, '#thread'), await box(wide, '#customer-panel')];
    expect(panel.x).toBeGreaterThanOrEqual(thread.x + thread.width - 1);
    expect(panel.x + panel.width).toBeLessThanOrEqual(1280);
    expect(thread.width).toBeGreaterThan(500);
    expect(await wide.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

    const narrow = await signIn('sam', { width: 390, height: 844 });
    await open(narrow, charged);
    const [t, p] = [await box(narrow, '#thread'), await box(narrow, '#customer-panel')];
    expect(p.y).toBeGreaterThanOrEqual(t.y + t.height - 1);
    expect(p.width).toBeGreaterThan(350);
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await Promise.all([wide.close(), narrow.close()]);
  });
});
