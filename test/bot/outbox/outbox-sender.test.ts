import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type Channel } from '../../../bot/channels/channel.js';
import { createOutboxSender, type OutboxSender } from '../../../bot/outbox/outbox-sender.js';
import { openDatabase } from '../../../store/open-database.js';
import { createSqliteStore } from '../../../store/sqlite-store.js';
import type { Store } from '../../../store/store.js';
import { loadSettings } from '../../../config/settings.js';
import { waitFor } from '../../helpers/start-service.js';
import { fakeClockOutbox, scriptedChannel } from './fake-clock-outbox.js';

describe('outbox sender', () => {
  let store: Store;
  let sender: OutboxSender | undefined;
  beforeEach(() => {
    store = createSqliteStore(openDatabase(mkdtempSync(path.join(tmpdir(), 'fr-outbox-'))));
  });
  afterEach(async () => {
    await sender?.stop();
    await store.close();
  });

  async function queue(texts: string[]) {
    for (const [i, _text] of texts.entries()) {
      await store.acceptMention(
        { channel: 'fake', platformId: `m${i}`, threadId: `t${i}`, author: '@ann', text: 'x', createdAt: '' },
        Date.now(),
        Date.now() + 60_000,
      );
    }
    for (const m of await store.claimMentions(100, Date.now(), 10_000)) {
      await store.commitTurn(
        m,
        { status: 'answered', decision: {}, replies: [{ text: texts[Number(m.platformId.slice(1))]!, kind: 'answer' }] },
        Date.now(),
      );
    }
  }

  const start = (channel: Channel, maxAttempts: number | undefined = 5) => {
    sender = createOutboxSender({
      store,
      channels: new Map([[channel.name, channel]]),
      log: pino({ level: 'silent' }),
      maxAttempts,
      retryBaseMs: 20,
      pollMs: 10,
    });
    sender.start();
  };

  it('retries a transient failure with backoff and sends once', async () => {
    const fake = scriptedChannel((_r, call) => {
      if (call <= 2) throw new ChannelSendError('503 from platform', 'transient');
    });
    await queue(['hello']);
    start(fake.channel);
    await waitFor(() => (fake.sent.length === 1 ? true : undefined));
    expect(fake.calls()).toBe(3);
    expect(fake.sent[0]!.key).toBe('fake:m0:0');
    expect((await store.stats()).outbox).toEqual({ sent: 1 });
  });

  it('records a permanent failure without retrying it', async () => {
    const fake = scriptedChannel(() => {
      throw new ChannelSendError('post deleted', 'permanent');
    });
    await queue(['hello']);
    start(fake.channel);
    await waitFor(async () => ((await store.stats()).outbox.failed === 1 ? true : undefined));
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls()).toBe(1);
  });

  it('gives up after the configured attempts', async () => {
    const fake = scriptedChannel(() => {
      throw new Error('socket hang up');
    });
    await queue(['hello']);
    start(fake.channel, 3);
    await waitFor(async () => ((await store.stats()).outbox.failed === 1 ? true : undefined));
    expect(fake.calls()).toBe(3);
  });

  it('waits for a rate-limit reset, holding every reply of the channel, then sends them all once', async () => {
    const resetAt = Date.now() + 600;
    const fake = scriptedChannel(() => {
      if (Date.now() < resetAt) throw new ChannelSendError('429 Too Many Requests', 'rate_limited', resetAt);
    });
    await queue(['one', 'two', 'three']);
    start(fake.channel, 2);
    await waitFor(() => (fake.sent.length === 3 ? true : undefined), 5000);
    expect(fake.sent.every((s) => s.at >= resetAt)).toBe(true);
    expect(new Set(fake.sent.map((s) => s.key)).size).toBe(3);
    // Waiting for a reset is not the reply's fault: none failed although maxAttempts is 2.
    expect((await store.stats()).outbox).toEqual({ sent: 3 });
    expect(fake.calls()).toBeLessThanOrEqual(6);
  });
});

describe('issue 14 finding 3 — a platform down for long: retried up to the horizon, then a person', () => {
  const t = fakeClockOutbox('SQLite');
  const MIN = 60_000;
  const queueAnswer = (text: string) => t.queueAnswers(0, 1, text);

  /** The service's outbox options from settings as an operator would give them (defaults when none). */
  function startWithSettings(channel: Channel, env: Record<string, string>, stepMs: number) {
    const s = loadSettings(env);
    const failed: { reason: string; handedOff: boolean }[] = [];
    t.start(channel, {
      ...(s.OUTBOX_MAX_ATTEMPTS !== undefined ? { maxAttempts: s.OUTBOX_MAX_ATTEMPTS } : {}),
      retryBaseMs: s.OUTBOX_RETRY_BASE_MS,
      maxRetryDelayMs: s.OUTBOX_RETRY_MAX_DELAY_SECONDS * 1000,
      retryHorizonMs: s.OUTBOX_RETRY_HORIZON_MINUTES * MIN,
      onFailed: (_reply, failure, reason) => failed.push({ reason, handedOff: failure.handedOff }),
    });
    t.pace(stepMs);
    return failed;
  }

  /** Network errors and 503s until `downUntil` on the sender's clock, then posts. */
  function platformDownUntil(downUntil: () => number) {
    const attempts: number[] = [];
    const fake = scriptedChannel((_r, call) => {
      attempts.push(t.clock);
      if (t.clock < downUntil()) {
        if (call % 2) throw new Error('fetch failed: connect ECONNREFUSED 127.0.0.1:443');
        throw new ChannelSendError('X reply: HTTP 503 Service Unavailable', 'transient');
      }
    });
    return { ...fake, attempts };
  }

  it('finding 3: a platform failing with network errors and 503 for 10 minutes (the old limit gave up after about 98 s) gets the reply once it is back, exactly once', async () => {
    const start = t.clock;
    const fake = platformDownUntil(() => start + 10 * MIN);
    await queueAnswer('hello');
    const failed = startWithSettings(fake.channel, {}, 1000);
    await waitFor(async () => ((await t.store.stats()).outbox.failed || fake.sent.length ? true : undefined), 20_000, 'sent or failed');
    await new Promise((r) => setTimeout(r, 50)); // a second copy would come now
    expect(failed).toEqual([]);
    expect((await t.store.stats()).outbox).toEqual({ sent: 1 });
    expect(fake.sent.map((s) => s.key)).toEqual(['fake:m0:0']);
    // Tried on through the outage, never more than the largest backoff (5 min) apart.
    expect(fake.attempts.filter((at) => at < start + 10 * MIN).length).toBeGreaterThan(8);
    const gaps = fake.attempts.slice(1).map((at, i) => at - fake.attempts[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5 * MIN + 2000);
    expect((await t.store.getThread('fake', 't0'))!.state).toBe('bot');
  }, 30_000);

  it('finding 3: past the horizon (6 h by default) the reply is given up and the thread goes to a person, the reason saying how long', async () => {
    const start = t.clock;
    const fake = platformDownUntil(() => Infinity);
    await queueAnswer('hello');
    const failed = startWithSettings(fake.channel, {}, 60_000);
    await waitFor(() => (failed.length ? true : undefined), 20_000, 'the reply given up');
    expect((await t.store.stats()).outbox).toEqual({ failed: 1 });
    expect(fake.sent).toEqual([]);
    // Tried until the deadline, none after (this clock moves in steps of a minute): the circuit being
    // open, the try at the deadline is a call only when it is the channel's probe turn.
    const deadline = start + 6 * 60 * MIN;
    expect(fake.attempts.filter((at) => at >= deadline).length).toBeLessThanOrEqual(1);
    expect(fake.attempts.filter((at) => at > deadline)).toEqual([]);
    // Probed on through the outage (the circuit open: one call per probe turn, not one per backoff).
    expect(fake.attempts.filter((at) => at < deadline).length).toBeGreaterThan(20);
    expect(failed[0]!.handedOff).toBe(true);
    expect(failed[0]!.reason).toMatch(
      /^reply could not be sent: fake unreachable for 6 h \(OUTBOX_RETRY_HORIZON_MINUTES; last error: .*(503|ECONNREFUSED)/,
    );
    expect((await t.store.getThread('fake', 't0'))!.state).toBe('waiting');
  }, 30_000);

  it("finding 3: a permanent refusal (403) is not retried: the thread goes to a person at once with the platform's answer", async () => {
    const fake = scriptedChannel(() => {
      throw new ChannelSendError('X reply: HTTP 403 {"detail":"You are not allowed to reply to this Tweet"}', 'permanent');
    });
    await queueAnswer('hello');
    const failed = startWithSettings(fake.channel, {}, 1000);
    await waitFor(() => (failed.length ? true : undefined), 5000, 'the reply given up');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls()).toBe(1);
    expect(failed).toEqual([
      {
        handedOff: true,
        reason: 'reply could not be sent: fake refused it: X reply: HTTP 403 {"detail":"You are not allowed to reply to this Tweet"}',
      },
    ]);
    expect((await t.store.getThread('fake', 't0'))!.state).toBe('waiting');
  });

  it('finding 3: OUTBOX_MAX_ATTEMPTS from an older configuration still starts and still caps the attempts', async () => {
    const fake = platformDownUntil(() => Infinity);
    await queueAnswer('hello');
    const failed = startWithSettings(fake.channel, { OUTBOX_MAX_ATTEMPTS: '3' }, 1000);
    await waitFor(() => (failed.length ? true : undefined), 5000, 'the reply given up');
    expect(fake.calls()).toBe(3);
    expect(failed[0]!.reason).toMatch(/fake failed 3 attempts \(OUTBOX_MAX_ATTEMPTS\)/);
  });
});

describe('issue 14 finding 3 (fast recovery) — the backlog goes out once the platform answers again', () => {
  for (const backend of ['SQLite', 'Redis'] as const)
    describe(backend, () => {
      const t = fakeClockOutbox(backend);
      const MIN = 60_000;

      it(`finding 3 (fast recovery, ${backend}): after a 3-minute outage the waiting replies go out within seconds of the first success, each once`, async () => {
        const REPLIES = 20;
        await t.queueAnswers(0, REPLIES);
        const downUntil = t.clock + 3 * MIN;
        let firstSuccessAt: number | undefined;
        const attempts = new Map<string, number>();
        const sentAt: number[] = []; // fake-clock times of the sends that reached the platform
        const fake = scriptedChannel((reply) => {
          attempts.set(reply.idempotencyKey, (attempts.get(reply.idempotencyKey) ?? 0) + 1);
          if (t.clock < downUntil) {
            if (t.clock % 2) throw new Error('fetch failed: connect ECONNREFUSED 127.0.0.1:443');
            throw new ChannelSendError('X reply: HTTP 503 Service Unavailable', 'transient');
          }
          if (firstSuccessAt === undefined) {
            // From the first success on, time runs slowly: a reply left on its own backoff (up to
            // minutes after an outage this long) would take far longer than the test waits.
            firstSuccessAt = t.clock;
            t.pace(100, 20);
          }
          sentAt.push(t.clock);
        });
        // The service's defaults: first backoff 1 s, doubling up to 5 min, horizon 6 h.
        t.start(fake.channel, { retryBaseMs: 1000 });
        t.pace(1000);
        await waitFor(() => (fake.sent.length === REPLIES ? true : undefined), 8000, `${REPLIES} replies sent`);
        await new Promise((r) => setTimeout(r, 100)); // a second copy would come now
        expect(firstSuccessAt).toBeGreaterThanOrEqual(downUntil);
        expect(new Set(fake.sent.map((s) => s.key)).size).toBe(REPLIES);
        expect(fake.sent).toHaveLength(REPLIES);
        expect((await t.store.stats()).outbox).toEqual({ sent: REPLIES });
        // Every reply out within a few seconds of the first success.
        expect(Math.max(...sentAt) - firstSuccessAt!).toBeLessThanOrEqual(5000);
        // While the platform was down the replies kept backing off: about one attempt per doubling, no hammering.
        expect(Math.max(...attempts.values())).toBeLessThanOrEqual(12);
      }, 30_000);

      it(`finding 3 (fast recovery, ${backend}): one reply alone after a 30-minute outage is sent within half a minute of the return (a probe), not at its next attempt minutes later`, async () => {
        await t.queueAnswers(0, 1);
        const downUntil = t.clock + 30 * MIN;
        const tried: number[] = [];
        const fake = scriptedChannel(() => {
          tried.push(t.clock);
          // Near the return the clock slows to ten times real time (a probe comes every 30 s, so one
          // falls in the last minute): faster, a loaded machine's Redis round trips and late polls
          // (CI failed one at load 11 at 25 times) would be fake seconds past the bound.
          if (t.clock >= downUntil - 60_000 && t.clock < downUntil) t.pace(20);
          if (t.clock < downUntil) throw new ChannelSendError('X reply: HTTP 503 Service Unavailable', 'transient');
          t.pace();
        });
        t.start(fake.channel, { retryBaseMs: 1000 });
        t.pace(1000);
        await waitFor(() => (fake.sent.length === 1 ? true : undefined), 40_000, 'the reply sent');
        // The probe due within 30 s of the return, plus a second of the sender's own lag at ten times
        // real time; its next attempt without the probe would be minutes later.
        expect(tried.at(-1)! - downUntil).toBeLessThanOrEqual(40_000);
        // The probe costs one attempt per 30 s of silence while the platform is down, no more. A gap
        // is measured between the calls' clock readings, each late by the sender's lag behind its own
        // schedule (fake seconds on a loaded machine at this pace): hammering would be gaps of seconds.
        const during = tried.filter((at) => at < downUntil);
        expect(during.length).toBeLessThanOrEqual((30 * MIN) / 30_000 + 15);
        expect(
          Math.min(
            ...during
              .slice(1)
              .map((at, i) => at - during[i]!)
              .slice(-20),
          ),
        ).toBeGreaterThanOrEqual(20_000);
      }, 60_000);
    });
});

describe('issue 14 finding 3 (circuit breaker) — a channel down for long gets one probe per interval, not a call per reply', () => {
  for (const backend of ['SQLite', 'Redis'] as const)
    describe(backend, () => {
      const t = fakeClockOutbox(backend);
      const MIN = 60_000;

      /** Calls to the platform in each minute of the sender's clock from `start`. */
      const perMinute = (calls: number[], start: number, minutes: number) =>
        Array.from({ length: minutes }, (_, k) => calls.filter((at) => at >= start + k * MIN && at < start + (k + 1) * MIN).length);

      it(`finding 3 (circuit breaker, ${backend}): 20 minutes down with 60 replies waiting costs at most 3 calls a minute; the first reply goes out within 30 s of the return and the backlog within seconds, each once`, async () => {
        const start = t.clock;
        const downUntil = start + 20 * MIN;
        await t.queueAnswers(0, 40);
        const calls: number[] = [];
        let firstSuccessAt: number | undefined;
        const sentAt: number[] = []; // fake-clock times of the sends that reached the platform
        const fake = scriptedChannel(() => {
          calls.push(t.clock);
          if (t.clock < downUntil) {
            if (calls.length % 2) throw new Error('fetch failed: connect ECONNREFUSED 127.0.0.1:443');
            throw new ChannelSendError('X reply: HTTP 503 Service Unavailable', 'transient');
          }
          if (firstSuccessAt === undefined) {
            // Time runs slowly from the return on, so "within seconds" is measured, not skipped over.
            firstSuccessAt = t.clock;
            t.pace(100, 20);
          }
          sentAt.push(t.clock);
        });
        const failed: string[] = [];
        t.start(fake.channel, { retryBaseMs: 1000, onFailed: (_r, _f, reason) => failed.push(reason) });
        t.pace(1000);
        // Mentions keep coming while the platform is down: they wait too (no call each).
        await waitFor(() => (t.clock >= start + 10 * MIN ? true : undefined), 15_000, 'minute 10');
        await t.queueAnswers(40, 20);
        await waitFor(() => (fake.sent.length === 60 ? true : undefined), 20_000, '60 replies sent');
        await new Promise((r) => setTimeout(r, 100)); // a second copy would come now
        expect(failed).toEqual([]);
        const during = calls.filter((at) => at < downUntil);
        // The first minute sees the first batch fail (the breaker opens then); after it, probes only.
        expect(Math.max(...perMinute(during, start, 20).slice(1))).toBeLessThanOrEqual(3);
        expect(during.length).toBeLessThanOrEqual(32 + 3 * 20);
        expect(firstSuccessAt! - downUntil).toBeGreaterThanOrEqual(0);
        expect(firstSuccessAt! - downUntil).toBeLessThanOrEqual(31_000);
        expect(Math.max(...sentAt) - firstSuccessAt!).toBeLessThanOrEqual(5000);
        expect(new Set(fake.sent.map((s) => s.key)).size).toBe(60);
        expect(fake.sent).toHaveLength(60);
        expect((await t.store.stats()).outbox).toEqual({ sent: 60 });
      }, 60_000);

      it(`finding 3 (circuit breaker, ${backend}): replies held back while the channel is open are still given up at their deadline, the thread to a person with the reason`, async () => {
        const start = t.clock;
        await t.queueAnswers(0, 10);
        const calls: number[] = [];
        const fake = scriptedChannel(() => {
          calls.push(t.clock);
          throw new ChannelSendError('X reply: HTTP 503 Service Unavailable', 'transient');
        });
        const failed: { reason: string; handedOff: boolean; at: number }[] = [];
        t.start(fake.channel, {
          retryBaseMs: 1000,
          retryHorizonMs: 30 * MIN,
          onFailed: (_r, f, reason) => failed.push({ reason, handedOff: f.handedOff, at: t.clock }),
        });
        t.pace(1000);
        await waitFor(() => (failed.length === 10 ? true : undefined), 20_000, 'the replies given up');
        expect((await t.store.stats()).outbox).toEqual({ failed: 10 });
        expect(
          failed.every(
            (f) =>
              f.handedOff &&
              /^reply could not be sent: fake unreachable for 30 min \(OUTBOX_RETRY_HORIZON_MINUTES; last error: X reply: HTTP 503/.test(
                f.reason,
              ),
          ),
        ).toBe(true);
        // Given up at the deadline (this clock moves in steps of a second), not later.
        expect(Math.max(...failed.map((f) => f.at)) - (start + 30 * MIN)).toBeLessThanOrEqual(5000);
        expect(Math.max(...perMinute(calls, start, 30).slice(1))).toBeLessThanOrEqual(3);
        expect((await t.store.getThread('fake', 't3'))!.state).toBe('waiting');
      }, 60_000);
    });
});
