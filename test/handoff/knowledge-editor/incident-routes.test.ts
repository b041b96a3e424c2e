import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxReply } from '../../config/knowledge/knowledge-edits.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';
import { exampleKnowledge, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// New incident, end incident, the calendar and answers per entry over real HTTP on the real service:
// suggestions from real handed-off sandbox mentions, a draft published through the usual path, a
// mention answered with the new entry (the default, local understanding), the window ended, the next
// mention handed off.

const HANDOFFS = [
  '@acme checkout keeps failing when I pay',
  '@acme payment failed at checkout, twice now',
  '@acme why was I charged twice?',
];

describe('new incident and end incident over HTTP', () => {
  let service: RunningService;
  let mia: AgentClient;
  let ann: AgentClient;
  let file: string;

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-incident-')), 'knowledge.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
    mia = await agentClient(service, 'mia', ['editor'], 'token');
    ann = await agentClient(service, 'ann', ['agent'], 'token');
    for (const text of HANDOFFS) expect(await sandboxReply(service.url, text)).toMatch(/A member of our team has your message/);
  }, 60_000);
  afterAll(() => service?.dispose());

  it('needs the editor role', async () => {
    expect((await ann.call('POST', '/api/knowledge/incidents/suggest', { description: 'checkout failing' })).status).toBe(403);
    expect((await ann.call('GET', '/api/knowledge/answers')).status).toBe(403);
    expect((await ann.call('POST', '/api/knowledge/incidents/parcel-delays/end', {})).status).toBe(403);
  });

  it('refuses bad input with a clear 4xx', async () => {
    const good = { title: 'Checkout failing', action: 'Wait a few minutes', keywords: ['checkout failing'] };
    for (const bad of [
      { ...good, link: 'javascript:alert(1)' },
      { ...good, title: 'Checkout \u202Efailing' },
      { ...good, keywords: [] },
      { ...good, since: 'yesterday' },
      { ...good, extra: 1 },
    ]) {
      const res = await mia.call('POST', '/api/knowledge/incidents/draft', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    expect((await mia.call('POST', '/api/knowledge/incidents/draft', { ...good, text: 'entries: [' })).status).toBe(422);
    expect((await mia.call('POST', '/api/knowledge/incidents/nope/end', {})).status).toBe(404);
    expect((await mia.call('POST', '/api/knowledge/incidents/Bad Id/end', {})).status).toBe(400);
    expect((await mia.call('GET', '/api/knowledge/answers?latest=500')).status).toBe(400);
  });

  it('suggests from similar handoffs, drafts, publishes, answers, counts and ends an incident', async () => {
    const s = await mia.call('POST', '/api/knowledge/incidents/suggest', { description: 'Checkout payments failing' });
    expect(s.status).toBe(200);
    expect(s.body.compared).toBe(3);
    expect(s.body.examples.map((e: { text: string }) => e.text).sort()).toEqual([
      'checkout keeps failing when I pay',
      'payment failed at checkout, twice now',
    ]);
    expect(s.body.keywords).toContain('checkout');

    const d = await mia.call('POST', '/api/knowledge/incidents/draft', {
      title: 'Checkout payments failing',
      action: 'Please wait ten minutes before paying again: you will not be charged twice',
      link: 'https://status.acme.example',
      keywords: ['checkout failing', 'payment failed'],
      examples: s.body.examples.map((e: { text: string }) => e.text),
    });
    expect(d.status).toBe(200);
    expect(d.body.id).toBe('checkout-payments-failing');
    expect(Date.now() - Date.parse(d.body.start)).toBeLessThan(60_000);
    // A publish needs the diff to have been shown (the page shows it before Publish).
    const diff = await mia.call('POST', '/api/knowledge/diff', { text: d.body.text });
    expect(diff.body.diff ?? diff.body).toBeTruthy();
    const p = await mia.call('POST', '/api/knowledge/publish', { text: d.body.text, message: 'checkout incident', shown: diff.body.shown });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.version.summary.added).toEqual(['checkout-payments-failing']);

    expect(await sandboxReply(service.url, '@acme checkout failing again when I pay')).toMatch(
      /we know about this and are on it\. Please wait ten minutes/,
    );
    const cal = await mia.call('POST', '/api/knowledge/calendar', {});
    expect(cal.body.timezone).toBe('UTC');
    expect(cal.body.entries.find((e: { id: string }) => e.id === 'checkout-payments-failing')).toMatchObject({
      kind: 'incident',
      end: null,
    });

    const counts = await waitFor(async () => {
      const a = await mia.call('GET', '/api/knowledge/answers?latest=2');
      const row = a.body.entries.find((e: { entryId: string }) => e.entryId === 'checkout-payments-failing');
      return row?.lastDay === 1 ? a.body : undefined;
    });
    expect(counts.complete).toBe(true);
    const row = counts.entries.find((e: { entryId: string }) => e.entryId === 'checkout-payments-failing');
    expect(row).toMatchObject({
      inFile: true,
      lastWeek: 1,
      latest: [{ channel: 'sandbox', text: '@acme checkout failing again when I pay' }],
    });
    expect(counts.entries.find((e: { entryId: string }) => e.entryId === 'black-friday')).toMatchObject({ lastDay: 0, latest: [] });

    const end = await mia.call('POST', '/api/knowledge/incidents/checkout-payments-failing/end', {});
    expect(end.status, JSON.stringify(end.body)).toBe(200);
    expect(end.body.version).toMatchObject({
      author: 'mia',
      message: 'end incident checkout-payments-failing',
      summary: { changed: ['checkout-payments-failing'] },
    });
    expect(readFileSync(file, 'utf8')).toMatch(/- id: checkout-payments-failing[\s\S]*window:\n {6}start: \S+\n {6}end: \S+Z\n/);
    expect(await sandboxReply(service.url, '@acme checkout failing again when I pay')).toMatch(/A member of our team has your message/);
    expect((await mia.call('POST', '/api/knowledge/incidents/checkout-payments-failing/end', {})).status).toBe(409);
  }, 60_000);
});
