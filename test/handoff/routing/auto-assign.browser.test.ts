import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, type RunningService, startService } from '../../helpers/start-service.js';
import { type AgentClient, agentClient } from '../api/agent-client.js';
import { CHROMIUM, haveChromium, launchChromium, watchPageProblems } from '../console/launch-chromium.js';

// Issue 20's workload balance in a real browser: an agent signed in to the console receives a
// thread of her team's queue on her own; at her cap, her claim of another is refused and the page
// says why.
if (!haveChromium) console.warn(`auto-assignment browser test skipped: ${CHROMIUM} is not installed`);

const RULES = `version: 1
rules:
  - name: money
    when: { keywords: [charged twice] }
    do: { team: billing }
`;

describe.skipIf(!haveChromium)('auto-assignment and the claim cap in the console', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let root: AgentClient;
  const problems: string[] = [];

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword', AUTO_ASSIGN_TEAMS: 'billing' });
    root = await agentClient(service, 'root', ['admin', 'agent'], 'token');
    const ann = await agentClient(service, 'ann');
    await root.call('PUT', '/api/teams/billing', { members: ['ann'] });
    await root.call('PUT', '/api/routing', { text: RULES });
    await root.call('PUT', '/api/users/ann/claim-cap', { cap: 1 });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, ...value] = ann.cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: service.url }]);
    page = await context.newPage();
    watchPageProblems(page, problems);
    await page.goto(`${service.url}/console`);
    await page.waitForSelector('.live-status.live');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const post = async (text: string) =>
    threadKey('sandbox', (await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text })).body.threadId as string);
  const row = (key: string) => page.locator(`#queue button.row[data-key="${key}"]`);

  it("a signed-in agent receives a thread of her team's queue", async () => {
    const key = await post('why was I charged twice on my card?');
    // The live console draws it as hers, without her claiming it.
    await expect.poll(() => row(key).locator('.badge.mine').count(), { timeout: 30_000 }).toBe(1);
    const events = (await root.call('GET', `/api/threads/${key}`)).body.events as { type: string; actor: string }[];
    expect(events.find((e) => e.type === 'assign')?.actor).toBe('auto-assign');
  }, 60_000);

  it('at her cap, her claim is refused and the page says why', async () => {
    const key = await post('my router is dead since this morning');
    await expect.poll(() => row(key).count(), { timeout: 30_000 }).toBe(1);
    await row(key).click();
    const claim = page.locator('#thread button[data-action="claim"]');
    await expect.poll(() => claim.isEnabled(), { timeout: 15_000 }).toBe(true);
    await claim.click();
    await expect
      .poll(() => page.locator('#notice').textContent(), { timeout: 15_000 })
      .toContain('you already have 1 claimed thread, your cap: resolve or release one first');
    expect((await root.call('GET', `/api/threads/${key}`)).body.thread.state).toBe('waiting');
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
  }, 60_000);
});
