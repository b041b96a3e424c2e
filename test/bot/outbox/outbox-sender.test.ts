import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type Channel } from '../../../bot/channels/channel.js';
import type { OutgoingReply } from '../../../bot/mention.js';
import { createOutboxSender, type OutboxSender } from '../../../bot/outbox/outbox-sender.js';
import { openDatabase } from '../../../bot/store/open-database.js';
import { createSqliteStore } from '../../../bot/store/sqlite-store.js';
import type { Store } from '../../../bot/store/store.js';
import { waitFor } from '../../helpers/start-service.js';

/** A platform whose next answers the test scripts: ok, or a given failure. */
function scriptedChannel(script: (reply: OutgoingReply, call: number) => void) {
  const sent: { text: string; at: number; key: string }[] = [];
  let calls = 0;
  const channel: Channel = {
    name: 'fake',
    limits: { maxLength: 100, measure: (t) => t.length },
    async send(reply) {
      script(reply, ++calls);
      sent.push({ text: reply.text, at: Date.now(), key: reply.idempotencyKey });
      return { platformId: `p${sent.length}` };
    },
  };
  return { channel, sent, calls: () => calls };
}

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
    for (const [i, text] of texts.entries()) {
      await store.acceptMention({ channel: 'fake', platformId: `m${i}`, threadId: `t${i}`, author: '@ann', text: 'x', createdAt: '' }, Date.now(), Date.now() + 60_000);
    }
    for (const m of await store.claimMentions(100, Date.now(), 10_000)) {
      await store.commitTurn(m, { status: 'answered', decision: {}, replies: [{ text: texts[Number(m.platformId.slice(1))]!, kind: 'answer' }] }, Date.now());
    }
  }

  const start = (channel: Channel, maxAttempts = 5) => {
    sender = createOutboxSender({ store, channels: new Map([[channel.name, channel]]), log: pino({ level: 'silent' }), maxAttempts, retryBaseMs: 20, pollMs: 10 });
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
