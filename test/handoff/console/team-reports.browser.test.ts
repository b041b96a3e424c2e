import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv.js';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';
import { seedReportCells } from '../reports/seed-report-cells.js';
import { haveChromium, launchChromium, watchPageProblems } from './launch-chromium.js';

const REPORTS = ['volumes', 'answer-rate', 'reply-times', 'sla-met', 'busiest-hours', 'handoff-reasons'];

/** Issue 20 in Chromium: each team report's page, its filters redrawing the chart, and its CSV. */
describe.skipIf(!haveChromium)('issue 20 — the team reports pages', () => {
  let service: RunningService;
  let browser: Browser;
  let lead: AgentClient;
  const problems: string[] = [];

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    browser = await launchChromium();
    await seedReportCells(service.app.handoffStore, Date.now());
    lead = await agentClient(service, 'lead', ['admin']);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const open = async (name: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    watchPageProblems(page, problems);
    await page.context().addCookies([{ name: 'first_reply_session', value: lead.cookie.split('=')[1]!, url: service.url }]);
    await page.goto(`${service.url}/console/team-reports#${name}`);
    await page.locator(`#report[data-report="${name}"] svg.chart`).waitFor({ timeout: 30_000 });
    return page;
  };
  /** What the chart draws: its bars' and cells' tooltips. */
  const drawn = (page: Page) => page.locator('#report svg.chart title').allTextContents();

  for (const name of REPORTS) {
    it(`${name}: the chart redraws for a filter, and the CSV holds the rows shown`, async () => {
      const page = await open(name);
      const before = await drawn(page);
      expect(before.length).toBeGreaterThan(1);
      await page.fill('#f-channel', 'facebook');
      await page.click('.report-filters button[type="submit"]');
      await expect.poll(() => page.locator('#report').getAttribute('data-query'), { timeout: 30_000 }).toContain('channel=facebook');
      const after = await drawn(page);
      expect(after).not.toEqual(before);
      const api = await lead.call('GET', `/api/reports/${name}?${await page.locator('#report').getAttribute('data-query')}`);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('#report-csv')]);
      expect(download.suggestedFilename()).toBe(`${name}-${api.body.from}-${api.body.to}.csv`);
      const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
      expect(rows[0]).toEqual(api.body.columns.map((c: { label: string }) => c.label));
      // The page draws durations as "1h 22m": its headers never say "(ms)" (the CSV's raw figures do).
      expect((await page.locator('table.figures thead th').allTextContents()).filter((t) => t.includes('(ms)'))).toEqual([]);
      expect(rows.length - 1).toBe(api.body.rows.length);
      const firstKey = api.body.columns[0].key;
      expect(rows.slice(1).map((r) => r[0])).toEqual(api.body.rows.map((r: Record<string, unknown>) => String(r[firstKey])));
      await page.close();
    }, 90_000);
  }

  it('says so when nothing was counted in the period', async () => {
    const page = await open('volumes');
    await page.fill('#f-from', '2020-01-01');
    await page.fill('#f-to', '2020-01-07');
    await page.click('.report-filters button[type="submit"]');
    await expect.poll(() => page.locator('#report .report-empty').count(), { timeout: 30_000 }).toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
