import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutgoingReply } from '../../store/mention.js';

/** Seconds: a first reply is due within a minute; people answer in minutes to hours. */
const ACK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
const HUMAN_BUCKETS = [30, 60, 300, 600, 1800, 3600, 7200, 14_400, 28_800, 86_400];

/**
 * The service's Prometheus metrics, on a registry of its own (not prom-client's global one), so
 * several services in one process (tests) each count their own.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A new (not re-delivered) mention was stored. */
  mentionReceived(channel: string): void;
  /** A reply reached its platform; the first part of a bot reply also times the acknowledgement. */
  replySent(reply: OutgoingReply, sentAt: number): void;
  /** A send failed: counted by channel and status class (4xx, 5xx, network). */
  platformError(channel: string, err: unknown): void;
  /** A channel's sends wait for a rate-limit reset. */
  rateLimitWait(channel: string): void;
  /** A channel's circuit opened (its replies wait, one probe per interval) or closed. */
  setBreakerOpen(channel: string, open: boolean): void;
  /** A turn's decision was committed (answered, handed_off, ignored, routed). */
  mentionDecided(channel: string, status: string, reason: 'turn' | 'deadline'): void;
  knowledgeReloadFailed(): void;
  /** For the handoff layer: threads waiting for or owned by a person, set whenever it changes... */
  setHandoffsOpen(n: number): void;
  /** ...or read at each scrape. */
  collectHandoffsOpen(read: () => number | Promise<number>): void;
  /** For the handoff layer: handoff to a person's first reply in the thread. */
  observeHumanFirstResponse(seconds: number): void;
  /** For the handoff layer: a handoff not answered by a person within its SLA. */
  countSlaBreach(): void;
  countNextReplySlaBreach(): void;
  /** Reads the store's counts by status at each scrape (the backlog an operator watches drain). */
  collectStoreStats(read: () => Promise<StoreCounts>): void;
  /** Reads what is left of each channel's daily allowance at each scrape. */
  collectQuotaLeft(read: () => Promise<Record<string, { left: number }>>): void;
}

export interface StoreCounts {
  mentions: Record<string, number>;
  outbox: Record<string, number>;
}

/**
 * "5xx", "4xx" from a status in the error (a `status` field or "HTTP 503" in its message), else
 * "network"; undefined for a rate-limit wait the channel decided itself (nothing was called).
 */
export function statusClassOf(err: unknown): string | undefined {
  const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; message?: unknown; kind?: unknown };
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 100 && status < 600) return `${Math.floor(status / 100)}xx`;
  const match = /\bHTTP (\d)\d\d\b/.exec(String(e.message ?? ''));
  if (match) return `${match[1]}xx`;
  return e.kind === 'rate_limited' ? undefined : 'network';
}

/** The first part of a reply (idempotency key "<channel>:<platform id>:0") is the one that acknowledges. */
const isFirstPart = (reply: OutgoingReply) => reply.idempotencyKey.endsWith(':0');

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'first_reply_' });
  const registers = [registry];

  const mentions = new Counter({
    name: 'first_reply_mentions_received_total',
    help: 'New mentions stored, by channel',
    labelNames: ['channel'],
    registers,
  });
  const decided = new Counter({
    name: 'first_reply_mentions_decided_total',
    help: 'Mentions decided, by channel, outcome and whether the deadline forced it',
    labelNames: ['channel', 'status', 'reason'],
    registers,
  });
  const replies = new Counter({
    name: 'first_reply_replies_sent_total',
    help: 'Replies that reached their platform, by channel and kind',
    labelNames: ['channel', 'kind'],
    registers,
  });
  const ackLatency = new Histogram({
    name: 'first_reply_acknowledgement_seconds',
    help: 'Mention receipt to its first bot reply sent on the platform, by channel',
    labelNames: ['channel'],
    buckets: ACK_BUCKETS,
    registers,
  });
  const humanFirst = new Histogram({
    name: 'first_reply_human_first_response_seconds',
    help: "Handoff to a person's first reply in the thread",
    buckets: HUMAN_BUCKETS,
    registers,
  });
  const slaBreaches = new Counter({
    name: 'first_reply_sla_breaches_total',
    help: 'Handoffs not answered by a person within the SLA',
    registers,
  });
  const nextReplyBreaches = new Counter({
    name: 'first_reply_next_reply_sla_breaches_total',
    help: "Customers' follow-ups not answered by a person within the next-reply target",
    registers,
  });
  const platformErrors = new Counter({
    name: 'first_reply_platform_errors_total',
    help: 'Failed sends, by channel and status class',
    labelNames: ['channel', 'status_class'],
    registers,
  });
  const rateLimitWaits = new Counter({
    name: 'first_reply_rate_limit_waits_total',
    help: "Times a channel's sends waited for a rate-limit reset",
    labelNames: ['channel'],
    registers,
  });
  const breakerOpen = new Gauge({
    name: 'first_reply_channel_circuit_open',
    help: "1 while a channel's circuit is open on this instance (its sends failing: replies wait, one probe per interval), else 0",
    labelNames: ['channel'],
    registers,
  });
  const reloadFailures = new Counter({
    name: 'first_reply_knowledge_reload_failures_total',
    help: 'Knowledge file versions refused (the previous one stayed live)',
    registers,
  });

  let readHandoffs: (() => number | Promise<number>) | undefined;
  const handoffsOpen = new Gauge({
    name: 'first_reply_handoffs_open',
    help: 'Threads handed to people and not yet resolved',
    registers,
    async collect() {
      if (readHandoffs) this.set(await readHandoffs());
    },
  });
  handoffsOpen.set(0);

  // The store is read once per scrape for all three (prom-client collects the metrics side by side).
  let readStats: (() => Promise<StoreCounts>) | undefined;
  let reading: Promise<StoreCounts | undefined> | undefined;
  const storeStats = () =>
    (reading ??= (readStats?.() ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .finally(() => setImmediate(() => (reading = undefined))));
  const byStatus = (gauge: Gauge<'status'>, counts: Record<string, number> | undefined) => {
    if (!counts) return; // the store is away: the last figures stay, first_reply_store_up says so
    gauge.reset();
    for (const [status, n] of Object.entries(counts)) gauge.set({ status }, n);
  };
  new Gauge({
    name: 'first_reply_store_up',
    help: 'Whether this scrape could read the store (1) or not (0: Redis down or restarting)',
    registers,
    async collect() {
      if (readStats) this.set((await storeStats()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'first_reply_mentions_by_status',
    help: 'Mentions in the store by status (received: not decided yet)',
    labelNames: ['status'],
    registers,
    async collect() {
      byStatus(this, (await storeStats())?.mentions);
    },
  });
  new Gauge({
    name: 'first_reply_replies_by_status',
    help: 'Replies in the outbox by status (pending: not sent yet)',
    labelNames: ['status'],
    registers,
    async collect() {
      byStatus(this, (await storeStats())?.outbox);
    },
  });

  let readQuota: (() => Promise<Record<string, { left: number }>>) | undefined;
  new Gauge({
    name: 'first_reply_daily_quota_left',
    help: "Units left of a channel's daily allowance (channels with one), as the store counts them for every instance",
    labelNames: ['channel'],
    registers,
    async collect() {
      const left = await readQuota?.().catch(() => undefined);
      if (left) for (const [channel, q] of Object.entries(left)) this.set({ channel }, q.left);
    },
  });

  return {
    registry,
    mentionReceived: (channel) => mentions.inc({ channel }),
    replySent(reply, sentAt) {
      replies.inc({ channel: reply.channel, kind: reply.kind });
      if (reply.kind !== 'agent' && reply.receivedAt !== undefined && isFirstPart(reply)) {
        ackLatency.observe({ channel: reply.channel }, Math.max(0, sentAt - reply.receivedAt) / 1000);
      }
    },
    platformError(channel, err) {
      const statusClass = statusClassOf(err);
      if (statusClass) platformErrors.inc({ channel, status_class: statusClass });
    },
    rateLimitWait: (channel) => rateLimitWaits.inc({ channel }),
    setBreakerOpen: (channel, open) => breakerOpen.set({ channel }, open ? 1 : 0),
    mentionDecided: (channel, status, reason) => decided.inc({ channel, status, reason }),
    knowledgeReloadFailed: () => reloadFailures.inc(),
    setHandoffsOpen: (n) => handoffsOpen.set(n),
    collectHandoffsOpen(read) {
      readHandoffs = read;
    },
    observeHumanFirstResponse: (seconds) => humanFirst.observe(seconds),
    countSlaBreach: () => slaBreaches.inc(),
    countNextReplySlaBreach: () => nextReplyBreaches.inc(),
    collectStoreStats(read) {
      readStats = read;
    },
    collectQuotaLeft(read) {
      readQuota = read;
    },
  };
}
