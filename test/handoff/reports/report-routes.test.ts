import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../../handoff/reports/record-facts.js';
import { encodeVolume } from '../../../handoff/reports/report-cells.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { parseCsv } from '../../../shared/csv.js';
import { HOUR_MS } from '../../../store/handoff-store.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient, waitForThreadState } from '../api/agent-client.js';

const REPORTS = ['volumes', 'answer-rate', 'reply-times', 'sla-met', 'busiest-hours', 'handoff-reasons'];

describe('report routes', () => {
  let service: RunningService;
  let ann: AgentClient;
  let admin: AgentClient;
  let editor: AgentClient;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    ann = await agentClient(service, 'ann');
    admin = await agentClient(service, 'boss', ['admin']);
    editor = await agentClient(service, 'ed', ['editor']);
  });
  afterAll(async () => service.dispose());

  it('counts a handoff and a person’s first reply as they happen', async () => {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: 'why was I charged twice on my card?' });
    const key = threadKey('sandbox', posted.body.threadId);
    await waitForThreadState(ann, key, 'waiting', 'the handoff', 10_000);
    const volumes = await waitFor(
      async () => {
        const r = await ann.call('GET', `/api/reports/volumes?from=${today}&to=${today}`);
        return r.body.rows?.[0]?.handedOff === 1 ? r.body : undefined;
      },
      10_000,
      'the handoff counted',
    );
    expect(volumes.rows[0]).toMatchObject({ period: today, mentions: 1, handedOff: 1, acknowledged: 1 });
    expect(volumes.columns[0]).toEqual({ key: 'period', label: 'Period' });
    await ann.call('POST', `/api/threads/${key}/claim`, {});
    expect((await ann.call('POST', `/api/threads/${key}/reply`, { text: 'On it.' })).status).toBe(202);
    const times = await waitFor(
      async () => {
        const r = await ann.call('GET', `/api/reports/reply-times?from=${today}&to=${today}`);
        return r.body.rows?.[0]?.firstReplies === 1 ? r.body : undefined;
      },
      10_000,
      'the reply timed',
    );
    expect(times.rows[0].firstMedianMs).toEqual(expect.any(Number));
    // The reply counts under the topic the thread was handed off with, and only there.
    const decision = await service.app.handoffStore.handedOffDecision({ channel: 'sandbox', threadId: posted.body.threadId });
    expect(decision).toBeDefined();
    const topic = topicOf(decision!) || '-';
    const firsts = async (t: string) =>
      (await ann.call('GET', `/api/reports/reply-times?from=${today}&to=${today}&topic=${encodeURIComponent(t)}`)).body.rows[0]
        .firstReplies;
    expect(await firsts(topic)).toBe(1);
    expect(await firsts('no-such-topic')).toBe(0);
    const slaOther = await admin.call('GET', `/api/reports/sla-met?from=${today}&to=${today}&topic=no-such-topic`);
    expect(slaOther.body.rows).toEqual([]);
    const sla = await admin.call('GET', `/api/reports/sla-met?from=${today}&to=${today}`);
    expect(sla.body.rows).toContainEqual(expect.objectContaining({ by: 'agent', name: 'ann', kind: 'first', replies: 1 }));
  });

  it('refuses bad querystrings with 400', async () => {
    for (const q of [
      'from=2026-02-30',
      'from=yesterday',
      'from=2026-03-02&to=2026-03-01',
      'from=2024-01-01&to=2025-01-02',
      'group=month',
      'unknown=1',
      `channel=${'x'.repeat(201)}`,
      'team=',
    ]) {
      const res = await ann.call('GET', `/api/reports/volumes?${q}`);
      expect(res.status, q).toBe(400);
      expect((await ann.call('GET', `/api/reports/volumes.csv?${q}`)).status, q).toBe(400);
    }
    expect((await ann.call('GET', '/api/reports/volumes?from=2025-01-01&to=2025-12-31&group=week')).status).toBe(200);
  });

  it('guards each report by role: people with the agent role, per-agent SLA for admins only', async () => {
    expect((await fetch(`${service.url}/api/reports/volumes`)).status).toBe(401);
    for (const name of REPORTS) {
      expect((await editor.call('GET', `/api/reports/${name}`)).status, name).toBe(403);
      expect((await fetch(`${service.url}/api/reports/${name}.csv`, { headers: { cookie: admin.cookie } })).status, name).toBe(200);
      expect((await admin.call('GET', `/api/reports/${name}`)).status, name).toBe(200);
    }
    expect((await ann.call('GET', '/api/reports/sla-met')).status).toBe(403);
    expect((await ann.call('GET', '/api/reports/handoff-reasons')).status).toBe(200);
    const doc = (await (await fetch(`${service.url}/docs/json`)).json()) as { paths: Record<string, { get?: Record<string, unknown> }> };
    for (const name of REPORTS) {
      expect(doc.paths[`/api/reports/${name}`]?.get?.['x-role'], name).toBeDefined();
      expect(doc.paths[`/api/reports/${name}.csv`]?.get, name).toBeDefined();
    }
  });

  it('exports CSV with its rows, as an attachment, with formulas defused', async () => {
    const hour = Math.floor(Date.parse('2026-03-10T10:00:00Z') / HOUR_MS);
    const cell = (team: string, topic: string) =>
      encodeVolume({ channel: 'x', team, topic, outcome: 'handed_off', reason: 'not_understood', replied: true });
    await service.app.handoffStore.countReportCells('volume', [
      { hour, cell: cell('billing', '=HYPERLINK("http://evil","x")') },
      { hour, cell: cell('billing', '@SUM(1)') },
      { hour, cell: cell('billing', 'plain, with "quotes"') },
    ]);
    const res = await fetch(`${service.url}/api/reports/answer-rate.csv?from=2026-03-10&to=2026-03-10&team=billing`, {
      headers: { cookie: ann.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="answer-rate-2026-03-10-2026-03-10.csv"');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['Entry or intent', 'Mentions', 'Answered by the bot', 'Handed off', 'Answer rate']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['\'=HYPERLINK("http://evil","x")', "'@SUM(1)", 'plain, with "quotes"']);
    expect(rows.slice(1).every((r) => r[1] === '1' && r[4] === '0')).toBe(true);
    const other = await ann.call('GET', '/api/reports/answer-rate?from=2026-03-10&to=2026-03-10&team=tech');
    expect(other.body.rows).toEqual([]);
  });
});
