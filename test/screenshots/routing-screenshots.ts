// Screenshots of the console's routing page (issue 20): the rules file, a refused edit's problems,
// a dry run and the teams, wide and narrow:
//   npm run screenshots -- routing
// Writes artifacts/routing-wide.png, routing-wide-problems.png and routing-narrow.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { agentClient } from '../handoff/api/agent-client.js';
import { seedRouting } from '../handoff/routing/routing-seed.js';
import { repoRoot, startService } from '../helpers/start-service.js';

const service = await startService({ UNDERSTANDING: 'keyword' });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });
try {
  const root = await agentClient(service, 'root', ['admin', 'agent']);
  await seedRouting(service, root.call);
  for (const [name, viewport] of [
    ['wide', { width: 1440, height: 900 }],
    ['narrow', { width: 390, height: 1600 }],
  ] as const) {
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: root.cookie.split('=')[0]!, value: root.cookie.split('=').slice(1).join('='), url: service.url }]);
    const page = await context.newPage();
    await page.goto(`${service.url}/console/routing`);
    await page.waitForSelector('#teams .team-row');
    await page.selectOption('#dry-rule', 'money');
    await page.click('#dry-run');
    await page.waitForSelector('.dry-list li');
    await page.screenshot({ path: path.join(out, `routing-${name}.png`), fullPage: true });
    if (name === 'wide') {
      await page.fill(
        '#routing-text',
        'version: 1\nrules:\n  - name: Money\n    when: { patterns: ["(a+)+"] }\n    do: { team: billing }\n',
      );
      await page.click('#routing-publish');
      await page.waitForSelector('.routing-problems li button');
      await page.screenshot({ path: path.join(out, 'routing-wide-problems.png'), fullPage: true });
    }
    await context.close();
  }
  console.log(`wrote ${out}/routing-wide.png, routing-wide-problems.png, routing-narrow.png`);
} finally {
  await browser.close();
  await service.dispose();
}
