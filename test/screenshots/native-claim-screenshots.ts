// Screenshots of a thread the brand answered natively and kept open (NATIVE_REPLY_RESOLVES=false),
// wide (1280×900) and narrow (390×844): "Held by platform:@acme" beside an enabled Claim button, then
// the same thread claimed:
//   npm run screenshots -- native-claim
// Writes artifacts/native-claim-{held,claimed}-{wide,narrow}.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { threadKey } from '../../handoff/thread-key.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { postJson, repoRoot, startService, waitFor } from '../helpers/start-service.js';

const service = await startService({ SANDBOX_ENABLED: 'true', UNDERSTANDING: 'keyword', NATIVE_REPLY_RESOLVES: 'false' });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });

try {
  const ann = await agentClient(service, 'ann');
  const stateOf = (threadId: string) => service.store.getThread('sandbox', threadId);
  const held: string[] = [];
  for (const [author, text, brand] of [
    ['@dave', 'my invoice shows a fee I never agreed to', 'Hi Dave, Sam here: looking at the invoice now.'],
    ['@erin', 'why was I charged twice on my card?', 'Erin, we have refunded the second charge.'],
  ] as const) {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author, text });
    const threadId = posted.body.threadId as string;
    await waitFor(async () => ((await stateOf(threadId))?.state === 'waiting' ? true : undefined), 20_000, `the handoff of ${author}`);
    await postJson(`${service.url}/sandbox/mentions`, { author: '@acme', text: brand, inReplyTo: posted.body.postId });
    await waitFor(async () => ((await stateOf(threadId))?.assignee === 'platform:@acme' ? true : undefined), 20_000, 'the native reply');
    held.push(threadKey('sandbox', threadId));
  }

  const shoot = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(out, name) });
    process.stdout.write(`wrote artifacts/${name}\n`);
  };
  for (const [label, width, height, key] of [
    ['wide', 1280, 900, held[0]!],
    ['narrow', 390, 844, held[1]!],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
    await page.context().addCookies([{ name: 'first_reply_session', value: ann.cookie.split('=')[1]!, url: service.url }]);
    await page.goto(`${service.url}/console#${key}`);
    await page.locator('#thread .thread-meta').waitFor();
    await shoot(page, `native-claim-held-${label}.png`);
    await page.locator('#thread button[data-action="claim"]').click();
    await page.locator('#thread button[data-action="release"]:not([disabled])').waitFor();
    await shoot(page, `native-claim-claimed-${label}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  await service.dispose();
}
