// Screenshots of the users page with workload balance (issue 20): who is signed in, each agent's cap
// of claimed threads (their own, or the default), wide and narrow:
//   npm run screenshots -- workload
// Writes artifacts/workload-users-wide.png and workload-users-narrow.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { repoRoot, startService } from '../helpers/start-service.js';

const service = await startService({ UNDERSTANDING: 'keyword', AGENT_CLAIM_CAP: '5', AUTO_ASSIGN_TEAMS: 'billing' });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });
try {
  const root = await agentClient(service, 'root', ['admin', 'agent']);
  await agentClient(service, 'ann');
  await agentClient(service, 'bob', ['agent'], 'token');
  await root.call('PUT', '/api/users/ann/claim-cap', { cap: 2 });
  for (const [name, viewport] of [
    ['wide', { width: 1440, height: 900 }],
    ['narrow', { width: 390, height: 1200 }],
  ] as const) {
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: root.cookie.split('=')[0]!, value: root.cookie.split('=').slice(1).join('='), url: service.url }]);
    const page = await context.newPage();
    await page.goto(`${service.url}/console/users`);
    await page.waitForSelector('.user-card .claim-cap');
    await page.screenshot({ path: path.join(out, `workload-users-${name}.png`), fullPage: true });
    await context.close();
  }
  console.log(`wrote ${out}/workload-users-wide.png, workload-users-narrow.png`);
} finally {
  await browser.close();
  await service.dispose();
}
