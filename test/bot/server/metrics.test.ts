import { createHmac, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createXChannel } from '../../../bot/channels/x/x-channel.js';
import { platformService } from '../../helpers/platform-service.js';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { rawFixture, fixture } from '../../fixtures/load-fixture.js';
import { deletePrefix, REDIS_URL } from '../../store/redis-test-backend.js';
import { scrape } from './scrape-metrics.js';

const KEYWORD = { UNDERSTANDING: 'keyword' };

/** Posts sandbox mentions and waits until the outbox has sent `expectedSent` replies. */
async function mentionAndWait(service: RunningService, bodies: object[], expectedSent: number) {
  const statuses = [];
  for (const body of bodies) statuses.push((await postJson(`${service.url}/sandbox/mentions`, body)).status);
  await waitFor(
    async () => ((await service.store.stats()).outbox.sent === expectedSent ? true : undefined),
    8000,
    `${expectedSent} replies sent`,
  );
  return statuses;
}

describe('GET /metrics on the sandbox channel', () => {
  const services: RunningService[] = [];
  const prefixes: string[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.dispose()));
    for (const p of prefixes.splice(0)) await deletePrefix(REDIS_URL, p);
  });

  const start = async (env: Record<string, string> = {}) => {
    const s = await startService({ ...KEYWORD, ...env });
    services.push(s);
    return s;
  };

  it('counts new mentions per channel, sent replies per kind and times each first reply', async () => {
    const s = await start();
    const t0 = Date.now();
    const statuses = await mentionAndWait(
      s,
      [
        { id: 'm-1', author: '@ann', text: '@acme my parcel is two weeks late' },
        { id: 'm-2', author: '@bob', text: '@acme why was I charged twice for one order?' },
        // A re-delivery of m-1: stored once, counted once.
        { id: 'm-1', author: '@ann', text: '@acme my parcel is two weeks late' },
        { id: 'm-3', author: '@cy', text: '@acme where is my parcel, it is late' },
      ],
      3,
    );
    const elapsed = (Date.now() - t0) / 1000;
    expect(statuses).toEqual([202, 202, 202, 202]);

    const m = await scrape(s.url);
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(m.value('first_reply_mentions_received_total', { channel: 'sandbox' })).toBe(3);
    const answers = m.value('first_reply_replies_sent_total', { channel: 'sandbox', kind: 'answer' });
    const acks = m.value('first_reply_replies_sent_total', { channel: 'sandbox', kind: 'acknowledgement' });
    expect(answers).toBeGreaterThanOrEqual(1);
    expect(acks).toBeGreaterThanOrEqual(1); // the double charge is not in the knowledge file
    expect(answers + acks).toBe(3);
    // One acknowledgement-latency observation per mention, each within the time the test took.
    expect(m.value('first_reply_acknowledgement_seconds_count', { channel: 'sandbox' })).toBe(3);
    const sum = m.value('first_reply_acknowledgement_seconds_sum', { channel: 'sandbox' });
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(3 * elapsed);
    expect(m.value('first_reply_acknowledgement_seconds_bucket', { channel: 'sandbox', le: '+Inf' })).toBe(3);
    expect(m.value('first_reply_mentions_decided_total', { channel: 'sandbox', reason: 'turn' })).toBe(3);
    expect(m.value('first_reply_mentions_decided_total', { channel: 'sandbox', status: 'handed_off' })).toBe(acks);
    // Process metrics come along on the instance's own registry.
    expect(m.samples.some((x) => x.name === 'first_reply_process_cpu_user_seconds_total')).toBe(true);
    // The backlog, read from the store at the scrape: all three decided, all replies sent.
    expect(m.value('first_reply_store_up')).toBe(1);
    expect(m.value('first_reply_mentions_by_status', { status: 'received' })).toBe(0);
    expect(m.value('first_reply_mentions_by_status')).toBe(3);
    expect(m.value('first_reply_replies_by_status', { status: 'sent' })).toBe(3);
  });

  it("exposes the handoff layer's figures through service.metrics", async () => {
    const s = await start();
    expect((await scrape(s.url)).value('first_reply_handoffs_open')).toBe(0);
    s.metrics.setHandoffsOpen(4);
    s.metrics.observeHumanFirstResponse(90);
    s.metrics.observeHumanFirstResponse(4000);
    s.metrics.countSlaBreach();
    let m = await scrape(s.url);
    expect(m.value('first_reply_handoffs_open')).toBe(4);
    expect(m.value('first_reply_human_first_response_seconds_count')).toBe(2);
    expect(m.value('first_reply_human_first_response_seconds_bucket', { le: '300' })).toBe(1);
    expect(m.value('first_reply_human_first_response_seconds_sum')).toBe(4090);
    expect(m.value('first_reply_sla_breaches_total')).toBe(1);
    // A collect callback is read at each scrape.
    let open = 7;
    s.metrics.collectHandoffsOpen(async () => open);
    expect((await scrape(s.url)).value('first_reply_handoffs_open')).toBe(7);
    open = 2;
    m = await scrape(s.url);
    expect(m.value('first_reply_handoffs_open')).toBe(2);
  });

  it("keeps each service's counts apart in one process", async () => {
    const a = await start();
    const b = await start();
    await mentionAndWait(a, [{ id: 'a-1', author: '@ann', text: '@acme my parcel is late' }], 1);
    expect((await scrape(a.url)).value('first_reply_mentions_received_total')).toBe(1);
    expect((await scrape(b.url)).value('first_reply_mentions_received_total')).toBe(0);
  });

  it('times the first reply on the Redis store too (the claim carries the receipt time)', async () => {
    const prefix = `first-reply-test:${randomUUID()}:`;
    prefixes.push(prefix);
    const s = await start({ REDIS_URL, REDIS_PREFIX: prefix });
    await mentionAndWait(
      s,
      [
        { id: 'r-1', author: '@ann', text: '@acme my parcel is two weeks late' },
        { id: 'r-2', author: '@bob', text: '@acme why was I charged twice?' },
      ],
      2,
    );
    const m = await scrape(s.url);
    expect(m.value('first_reply_mentions_received_total', { channel: 'sandbox' })).toBe(2);
    expect(m.value('first_reply_acknowledgement_seconds_count', { channel: 'sandbox' })).toBe(2);
    expect(m.value('first_reply_replies_by_status', { status: 'sent' })).toBe(2);
  });

  it('counts a refused knowledge file version', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-metrics-knowledge-'));
    try {
      const file = path.join(dir, 'knowledge.yaml');
      copyFileSync(exampleKnowledge, file);
      const s = await start({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'true' });
      expect((await scrape(s.url)).value('first_reply_knowledge_reload_failures_total')).toBe(0);
      writeFileSync(file, 'entries: [ this is : not valid');
      await waitFor(
        async () => ((await scrape(s.url)).value('first_reply_knowledge_reload_failures_total') === 1 ? true : undefined),
        8000,
        'the reload failure',
      );
      expect(s.knowledge.status().version).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /metrics on a platform channel', () => {
  const SECRET = 'x-consumer-secret-for-tests';
  const API = 'https://api.x.test';
  const startWith = platformService(
    { ...KEYWORD, X_CONSUMER_SECRET: SECRET, X_ACCESS_TOKEN: 'user-token', X_USER_ID: '1600000000000000001', X_API_URL: API },
    (s) => createXChannel(s.x!),
  );

  it('counts platform errors by status class and rate-limit waits, then the reply that got through', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    nock(API).post('/2/tweets').reply(503, { title: 'Service Unavailable' });
    nock(API)
      .post('/2/tweets')
      .reply(429, fixture('x', 'rate-limited'), { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) });
    nock(API).post('/2/tweets').reply(201, fixture('x', 'tweet-created'));
    const { service } = await startWith();
    const body = rawFixture('x', 'tweet-create-mention');
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}`;
    const res = await fetch(`${service.url}/webhooks/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
      body,
    });
    expect(res.status).toBe(200);
    await waitFor(async () => ((await service.store.stats()).outbox.sent === 1 ? true : undefined), 10_000, 'the reply after the errors');
    const m = await scrape(service.url);
    expect(m.value('first_reply_mentions_received_total', { channel: 'x' })).toBe(1);
    expect(m.value('first_reply_platform_errors_total', { channel: 'x', status_class: '5xx' })).toBe(1);
    expect(m.value('first_reply_platform_errors_total', { channel: 'x', status_class: '4xx' })).toBe(1);
    expect(m.value('first_reply_rate_limit_waits_total', { channel: 'x' })).toBe(1);
    expect(m.value('first_reply_replies_sent_total', { channel: 'x' })).toBe(1);
    // The acknowledgement waited out the 503 backoff and the rate-limit reset.
    expect(m.value('first_reply_acknowledgement_seconds_count', { channel: 'x' })).toBe(1);
    expect(m.value('first_reply_acknowledgement_seconds_sum', { channel: 'x' })).toBeGreaterThan(0.04);
  });
});
