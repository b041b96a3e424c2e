// Screenshots of issue 17's lifecycle in the console, wide (1280×900) and narrow (390×844), to judge
// as an agent would: the queue with "new" and "customer replied" rows and the next-reply SLA, the
// confirmation before handing back an unanswered follow-up, and the SLA report's next replies:
//   npx vite-node test/screenshots/lifecycle-screenshots.ts
// Writes artifacts/lifecycle-{queue,confirm,reports}-{wide,narrow}.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { threadKey } from '../../handoff/thread-key.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';

const service = await startService({ SANDBOX_ENABLED: 'true', UNDERSTANDING: 'keyword', HUMAN_NEXT_REPLY_TARGET_MINUTES: '30' });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });

const handOff = async (author: string, text: string) => {
  const posted = await postJson(`${service.url}/sandbox/mentions`, { author, text });
  const key = threadKey('sandbox', posted.body.threadId);
  await waitFor(
    async () => ((await service.store.getThread('sandbox', posted.body.threadId))?.state === 'waiting' ? true : undefined),
    20_000,
    `the handoff of ${author}`,
  );
  return { key, postId: posted.body.postId as string, threadId: posted.body.threadId as string };
};
const decided = () =>
  waitFor(async () => (((await service.store.stats()).mentions.received ?? 0) === 0 ? true : undefined), 20_000, 'every mention decided');

try {
  const ann = await agentClient(service, 'ann');
  const carol = await handOff('@carol', 'why was I charged twice on my card?');
  const dave = await handOff('@dave', 'my invoice shows a fee I never agreed to');
  await handOff('@erin', 'the app logs me out every five minutes');
  await handOff('@finn', 'I want to close my account, how?');
  for (const t of [carol, dave]) {
    await ann.call('POST', `/api/threads/${t.key}/claim`, {});
    await ann.call('POST', `/api/threads/${t.key}/reply`, { text: 'Sorry about that, checking now.' });
  }
  await ann.call('POST', `/api/threads/${dave.key}/resolve`, {});
  await postJson(`${service.url}/sandbox/mentions`, {
    author: '@carol',
    text: 'it happened AGAIN this morning, a third charge. Please call me back today.',
    inReplyTo: carol.postId,
  });
  await postJson(`${service.url}/sandbox/mentions`, {
    author: '@dave',
    text: 'the fee is still on the new invoice',
    inReplyTo: dave.postId,
  });
  await decided();

  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(out, name) });
    process.stdout.write(`wrote artifacts/${name}\n`);
  };
  const open = async (width: number, height: number) => {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
    await page.context().addCookies([{ name: 'first_reply_session', value: ann.cookie.split('=')[1]!, url: service.url }]);
    await page.goto(`${service.url}/console`);
    await page.waitForSelector('.live-status.live');
    await page.locator('#queue .badge.unread').first().waitFor();
    return page;
  };
  for (const [label, width, height] of [
    ['wide', 1280, 900],
    ['narrow', 390, 844],
  ] as const) {
    const page = await open(width, height);
    await shoot(page, `lifecycle-queue-${label}.png`);
    await page.locator('#queue button.row', { has: page.locator('.author', { hasText: '@carol' }) }).click();
    await page.locator('#thread button[data-action="hand-back"]').click();
    await page.locator('dialog.confirm-dialog').waitFor();
    await shoot(page, `lifecycle-confirm-${label}.png`);
    await page.keyboard.press('Escape');
    await page.close();
  }
  // A next reply for the report.
  await ann.call('POST', `/api/threads/${dave.key}/reply`, { text: 'Removed it from both invoices.' });
  for (const [label, width, height] of [
    ['wide', 1280, 900],
    ['narrow', 390, 844],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
    await page.context().addCookies([{ name: 'first_reply_session', value: ann.cookie.split('=')[1]!, url: service.url }]);
    await page.goto(`${service.url}/console/reports`);
    await page.locator('table.figures').waitFor();
    await page.screenshot({ path: path.join(out, `lifecycle-reports-${label}.png`), fullPage: true });
    process.stdout.write(`wrote artifacts/lifecycle-reports-${label}.png\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await service.dispose();
}
