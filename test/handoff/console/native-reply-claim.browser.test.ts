import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './require-chromium.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { createAgent } from './create-agent.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

const PASSWORD = 'correct horse battery staple';

/** Issue 17: with NATIVE_REPLY_RESOLVES=false a thread the brand answered natively stays open, held by the platform; an agent claims it. */
describe.skipIf(!haveChromium)('a natively answered thread kept open, in the console', () => {
  let service: RunningService;
  let browser: Browser;
  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', NATIVE_REPLY_RESOLVES: 'false' });
    await createAgent(service, 'ann', PASSWORD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it("the claim button is enabled on a platform-held thread, and claiming makes it the agent's (reply box, release)", async () => {
    const problems: string[] = [];
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@dave', text: 'my invoice shows a fee I never agreed to' });
    const threadId = posted.body.threadId as string;
    const stateOf = async () => service.store.getThread('sandbox', threadId);
    await waitFor(async () => ((await stateOf())?.state === 'waiting' ? true : undefined), 10_000, 'the handoff');
    await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: 'Hi Dave, Sam here.', inReplyTo: posted.body.postId });
    await waitFor(async () => ((await stateOf())?.assignee === 'platform:@acme' ? true : undefined), 10_000, 'the native reply');

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console/login`);
    await page.fill('#username', 'ann');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${service.url}/console`);
    // A fresh load of the thread's link (the console reads the hash at load).
    await page.goto('about:blank');
    await page.goto(`${service.url}/console#${threadKey('sandbox', threadId)}`);
    await page.locator('#thread .thread-meta').waitFor();
    expect(await page.locator('#thread .actions .hint').textContent()).toContain('platform:@acme');
    const claim = page.locator('#thread button[data-action="claim"]');
    expect(await claim.isEnabled()).toBe(true);
    expect(await page.locator('#thread button[data-action="release"]').isEnabled()).toBe(false);

    await claim.click();
    await waitFor(async () => ((await stateOf())?.assignee === 'ann' ? true : undefined), 10_000, 'the claim');
    expect((await stateOf())?.state).toBe('agent');
    await expect.poll(() => page.locator('#thread button[data-action="release"]').isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await claim.isEnabled()).toBe(false);
    await expect.poll(() => page.locator('#thread .actions .hint').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
