import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import { checkKnowledge } from '../config/knowledge/check-knowledge.js';
import { createLiveKnowledge, type LiveKnowledge } from '../config/knowledge/live-knowledge.js';
import type { Settings } from '../config/settings.js';
import type { Understander } from '../intents/understanding.js';
import type { Channel, ChannelContext } from './channels/channel.js';
import { createConfiguredChannels } from './channels/create-channels.js';
import { createSandboxChannel } from './channels/sandbox/sandbox-channel.js';
import { createDrainPacer, DEFAULT_DRAIN_BUDGET, type DrainBudgetPolicy } from './inbox/drain-budget.js';
import { createTurnWorker } from './inbox/turn-worker.js';
import { createOutboxSender } from './outbox/outbox-sender.js';
import { capConnections, connectionTimeouts } from './server/connection-limits.js';
import { createLogger } from './server/create-logger.js';
import { healthRoutes } from './server/health-routes.js';
import { startupSummary, warningLines } from './server/startup-summary.js';
import { describeStore } from '../store/describe-store.js';
import { createMetrics, type Metrics } from './server/metrics.js';
import { metricsRoute } from './server/metrics-route.js';
import { internalErrors } from './server/internal-errors.js';
import { frameworkErrors, securityHeaders } from './server/security-headers.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { STORE_RETRY_AFTER_SECONDS, StoreUnavailableError } from '../store/store-unavailable.js';
import { DataDirError, describeDataError } from '../store/data-dir-error.js';
import { createConfiguredUnderstander } from './turn/create-configured-understander.js';
import { testCaseOutcome } from './turn/preview-turn.js';
import { createTurnRunner } from './turn/run-turn.js';
import path from 'node:path';
import { createKnowledgeHistory } from '../config/knowledge/knowledge-history.js';
import { knowledgeRoutes } from '../config/knowledge/knowledge-routes.js';
import { openApiPlugin } from '../handoff/api/openapi.js';
import { createHandoff, type Handoff } from '../handoff/create-handoff.js';
import { hasRole } from '../handoff/access/roles.js';
import { describeOpening, isOpen } from '../handoff/hours/business-hours.js';
import { hoursFromSettings } from '../config/hours-settings.js';

export interface Service {
  app: FastifyInstance;
  store: Store;
  knowledge: LiveKnowledge;
  channels: ReadonlyMap<string, Channel>;
  /** This instance's Prometheus metrics (GET /metrics); the handoff layer feeds its own through it. */
  metrics: Metrics;
  /** Thread ownership, the agent API and the console (users are managed through it). */
  handoff: Handoff;
  /** Listens on HOST:PORT and starts the workers; resolves with the address. */
  start(): Promise<string>;
  /** Graceful: stops intake, finishes in-flight requests, turns and sends, then closes the store. */
  stop(): Promise<void>;
}

export interface ServiceOverrides {
  understander?: Understander;
  /** Extra channels (tests and platform adapters not configured by settings). */
  channels?: Channel[];
  /** Where platform channels read their settings (default process.env). */
  env?: NodeJS.ProcessEnv;
  logDestination?: Writable;
  now?: () => number;
  /** The drains' budget while webhooks arrive (tests force it to hold the drain back). */
  drainBudget?: Partial<DrainBudgetPolicy>;
}

/** Builds the whole responder from settings: store, knowledge, channels, turn worker, outbox. */
export async function createService(settings: Settings, overrides: ServiceOverrides = {}): Promise<Service> {
  const logger = createLogger(settings.LOG_LEVEL, overrides.logDestination);
  // Validated before anything is opened: a bad platform setting stops the start with its name.
  const configuredChannels = createConfiguredChannels(overrides.env ?? process.env);
  const now = overrides.now ?? Date.now;
  const metrics = createMetrics();
  const { store, handoff: handoffStore, events, keyv } = await createStore(settings, (err) => logger.error({ err }, 'redis connection error'));
  metrics.collectStoreStats(() => store.stats());
  // A channel given explicitly replaces the configured one of the same name.
  const explicit = overrides.channels ?? [];
  const channelList: Channel[] = [...configuredChannels.filter((c) => !explicit.some((e) => e.name === c.name)), ...explicit];
  if (settings.SANDBOX_ENABLED) {
    channelList.push(
      createSandboxChannel({
        dataDir: settings.DATA_DIR,
        brandHandle: settings.BRAND_HANDLES[0] ?? '@brand',
        maxLength: settings.SANDBOX_MAX_LENGTH,
        replyDelayMs: settings.SANDBOX_REPLY_DELAY_MS,
      }),
    );
  }
  let understander: Understander;
  let knowledge: LiveKnowledge;
  try {
    understander = overrides.understander ?? (await createConfiguredUnderstander(settings, logger));
    // Every version of the knowledge file, the first included, must pass the checks and its test
    // cases against this service's own channels before it answers anyone.
    const limits = Object.fromEntries(channelList.map((c) => [c.name, c.limits]));
    knowledge = await createLiveKnowledge(settings.KNOWLEDGE_FILE, understander, (k, locate, trained) =>
      checkKnowledge(k, locate, { limits, runCase: (text, channel) => testCaseOutcome(trained, k, text, channel) }),
    );
  } catch (err) {
    await Promise.all(channelList.map((c) => c.stop?.()));
    await store.close();
    throw err;
  }

  const channels = new Map(channelList.map((c) => [c.name, c]));

  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Wrong types are refused, not coerced: a number where text belongs is a malformed payload.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // The client address behind a reverse proxy (sign-in throttling counts per address).
    trustProxy: settings.TRUST_PROXY,
    frameworkErrors,
    ...connectionTimeouts(settings),
  });
  capConnections(app.server, settings.MAX_CONNECTIONS);
  // Before any route: every answer, errors and 404s included, gets them.
  await app.register(securityHeaders);
  await app.register(internalErrors);
  // A store that cannot take the write now (503): the caller (a platform, the console) is told when to try again.
  app.addHook('onError', async (_req, reply, err) => {
    if (err instanceof StoreUnavailableError) reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
  });
  let ready = false;
  // Intake first: while webhooks queue (many accepts under way at once), turns and sends get a share
  // of the loop that grows as the oldest waiting mention nears its deadline.
  const pacer = createDrainPacer({ now, policy: { ...DEFAULT_DRAIN_BUDGET, ...overrides.drainBudget } });

  const sender = createOutboxSender({
    store,
    channels,
    log: app.log.child({ component: 'outbox' }),
    ...(settings.OUTBOX_MAX_ATTEMPTS !== undefined ? { maxAttempts: settings.OUTBOX_MAX_ATTEMPTS } : {}),
    retryBaseMs: settings.OUTBOX_RETRY_BASE_MS,
    maxRetryDelayMs: settings.OUTBOX_RETRY_MAX_DELAY_SECONDS * 1000,
    retryHorizonMs: settings.OUTBOX_RETRY_HORIZON_MINUTES * 60_000,
    // The thread is with a person already (the store moved it): tell the consoles and the team.
    onFailed: (reply, failure, reason) => {
      void (async () => {
        const mention = reply.mentionId !== null ? await store.getMention(reply.mentionId) : undefined;
        await handoff.onReplyFailed(failure, reason, mention?.text ?? '');
      })().catch((err: unknown) => app.log.error({ err }, 'could not report a failed reply'));
    },
    now,
    metrics,
    restAfter: pacer.restAfter,
    // On Redis each outbox step waits on three round trips (pauses, claim, marking sent) that a busy
    // Redis answers in milliseconds: bigger steps amortise them (a backlog drains about a sixth faster).
    ...(settings.REDIS_URL ? { batchSize: 128 } : {}),
  });
  const hours = hoursFromSettings(settings);
  const afterHours = (at: number) =>
    isOpen(hours, at) ? undefined : { template: settings.AFTER_HOURS_ACKNOWLEDGEMENT, opens: describeOpening(hours, at) };
  const turns = createTurnRunner({ store, understander, knowledge, channels, settings, now, afterHours });
  // The OpenAPI document describes every route registered after it.
  await app.register(openApiPlugin, { title: 'first-reply agent API', version: '1' });
  const handoff: Handoff = await createHandoff({
    app,
    settings,
    handoff: handoffStore,
    events,
    keyv,
    channels,
    metrics,
    hours,
    onReplyQueued: () => sender.wake(),
    now,
  });
  // The knowledge editor (editor role): every published version kept, rollback, preview.
  const historyDir = path.join(settings.DATA_DIR, 'knowledge-history');
  const history = await createKnowledgeHistory(historyDir, knowledge).catch((err: NodeJS.ErrnoException) => {
    // A file system refusal (the data folder not writable) stops the start naming the folder.
    throw err.syscall ? new DataDirError(historyDir, describeDataError(err), err) : err;
  });
  await app.register(knowledgeRoutes, { knowledge, history, channels: () => [...channels.keys()] });
  // A rejected version, edited in the file or published from the console, is reported to the team.
  knowledge.onRejected((error) => {
    metrics.knowledgeReloadFailed();
    const first = error.problems[0];
    void handoff.notify({ type: 'knowledge_rejected', file: settings.KNOWLEDGE_FILE, line: first?.line ?? 0, column: first?.column ?? 0, message: error.message });
  });
  const worker = createTurnWorker({
    store,
    turns,
    log: app.log.child({ component: 'inbox' }),
    onCommitted: () => sender.wake(),
    onDecided: (decided) => handoff.onDecided(decided),
    now,
    metrics,
    pacer,
  });

  const contextFor = (channel: Channel): ChannelContext => ({
    async accept(mention) {
      const t = now();
      const result = await pacer.intake(store.acceptMention(mention, t, t + settings.ACK_DEADLINE_SECONDS * 1000));
      if (!result.duplicate) {
        metrics.mentionReceived(channel.name);
        worker.wake();
      }
      return result;
    },
    state: keyv(`channel:${channel.name}`),
    log: app.log.child({ channel: channel.name }),
  });
  const contexts = new Map(channelList.map((c) => [c.name, contextFor(c)]));

  await app.register(healthRoutes, {
    store,
    isReady: () => ready,
    knowledge: () => knowledge.status(),
    historyVersion: async (sha) => (await history.versionOf(sha))?.version,
  });
  await app.register(metricsRoute, { metrics, token: settings.METRICS_TOKEN });
  // Someone opening the service's address in a browser wants the console.
  app.get('/', (_req, reply) => reply.redirect('/console'));
  for (const channel of channelList) {
    if (channel.routes) await app.register(async (scope) => channel.routes!(scope, contexts.get(channel.name)!));
  }

  let stopping: Promise<void> | undefined;
  return {
    app,
    store,
    knowledge,
    channels,
    metrics,
    handoff,
    async start() {
      await store.releaseLeases();
      const address = await app.listen({ port: settings.PORT, host: settings.HOST });
      if (settings.KNOWLEDGE_WATCH) {
        const log = app.log.child({ component: 'knowledge' });
        knowledge.watch((result) => {
          if (result.ok) log.info({ version: result.status.version, entries: result.status.entries, warnings: result.status.warnings.length }, 'knowledge file reloaded');
          else {
            log.error({ problems: result.error.problems }, `knowledge file rejected, the previous version stays live: ${result.error.message}`);
          }
        });
      }
      if (settings.OUTBOX_MAX_ATTEMPTS !== undefined) {
        app.log.warn({ attempts: settings.OUTBOX_MAX_ATTEMPTS, horizonMinutes: settings.OUTBOX_RETRY_HORIZON_MINUTES }, 'OUTBOX_MAX_ATTEMPTS is set: a reply is given up after that many attempts even before OUTBOX_RETRY_HORIZON_MINUTES');
      }
      worker.start();
      await handoff.start();
      // Channels first: some read their limits or open their session in start(), before any send.
      for (const channel of channelList) await channel.start?.(contexts.get(channel.name)!);
      sender.start();
      ready = true;
      const status = knowledge.status();
      const summary = startupSummary({
        address,
        hasAdmin: (await app.access.users.listUsers()).some((u) => hasRole(u, 'admin')),
        store: describeStore(settings),
        channels: [...channels.keys()],
        knowledgeVersion: (await history.versionOf(status.sha256))?.version,
        knowledgeFile: settings.KNOWLEDGE_FILE,
        warnings: status.warnings,
      });
      app.log.info(summary.fields, summary.message);
      for (const line of warningLines(settings.KNOWLEDGE_FILE, status.warnings)) app.log.warn(line);
      return address;
    },
    stop() {
      stopping ??= (async () => {
        ready = false;
        // Intake first (in-flight webhook calls finish and are stored), then the turns under way,
        // then the sends under way. Whatever is still queued stays in the store for the next start.
        knowledge.close();
        history.close();
        await app.close();
        await worker.stop();
        await sender.stop();
        await handoff.stop();
        await Promise.all(channelList.map((c) => c.stop?.()));
        await store.close();
      })();
      return stopping;
    },
  };
}
