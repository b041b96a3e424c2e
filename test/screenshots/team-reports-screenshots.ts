// Screenshots of each team report (issue 20), wide (1280×900) and narrow (390×844), on a fortnight
// of a small team's facts:   npm run screenshots -- team-reports
// Writes artifacts/team-reports-<report>-{wide,narrow}.png, and one of a period with nothing counted.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { agentClient } from '../handoff/api/agent-client.js';
import { launchChromium } from '../handoff/console/launch-chromium.js';
import { seedReportCells } from '../handoff/reports/seed-report-cells.js';
import { repoRoot, startService } from '../helpers/start-service.js';

const REPORTS = ['volumes', 'answer-rate', 'reply-times', 'sla-met', 'busiest-hours', 'handoff-reasons'];
const service = await startService({ UNDERSTANDING: 'keyword' });
const browser = await launchChromium();
const out = path.join(repoRoot, 'artifacts');
mkdirSync(out, { recursive: true });
try {
  await seedReportCells(service.app.handoffStore, Date.now());
  const lead = await agentClient(service, 'lead', ['admin']);
  for (const [label, width, height] of [
    ['wide', 1280, 900],
    ['narrow', 390, 844],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: width < 500 ? 2 : 1 });
    await page.context().addCookies([{ name: 'first_reply_session', value: lead.cookie.split('=')[1]!, url: service.url }]);
    for (const name of REPORTS) {
      await page.goto(`${service.url}/console/team-reports#${name}`);
      await page.locator(`#report[data-report="${name}"] h2`).waitFor();
      await page.screenshot({ path: path.join(out, `team-reports-${name}-${label}.png`), fullPage: true });
      process.stdout.write(`wrote artifacts/team-reports-${name}-${label}.png\n`);
    }
    await page.fill('#f-from', '2020-01-01');
    await page.fill('#f-to', '2020-01-07');
    await page.click('.report-filters button[type="submit"]');
    await page.locator('#report .report-empty').waitFor();
    await page.screenshot({ path: path.join(out, `team-reports-empty-${label}.png`) });
    process.stdout.write(`wrote artifacts/team-reports-empty-${label}.png\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await service.dispose();
}
