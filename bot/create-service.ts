import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import type { Settings } from '../config/settings.js';
import type { Understander } from '../intents/understanding.js';
import type { Channel } from './channels/channel.js';
import { channelsToRun } from './channels/create-channels.js';
import type { DrainBudgetPolicy } from './inbox/drain-budget.js';
import { capConnections, connectionTimeouts } from './server/connection-limits.js';
import { createLogger } from './server/create-logger.js';
import { frameworkErrors } from './server/security-headers.js';
import { registerServicePlugins } from './service/service-plugins.js';
import { logStartupSummary } from './service/startup-log.js';

/** The running responder: its Fastify app, and what its plugins decorate it with (service-plugins.ts). */
export interface Service extends Pick<FastifyInstance, 'store' | 'knowledge' | 'channels' | 'metrics' | 'handoff'> {
  app: FastifyInstance;
  /** Listens on HOST:PORT (the plugins start on ready); resolves with the address. */
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

/** Builds the whole responder from settings: one Fastify app and its plugins, in order (service-plugins.ts). */
export async function createService(settings: Settings, overrides: ServiceOverrides = {}): Promise<Service> {
  // Validated before anything is opened: a bad platform setting stops the start with its name.
  const channels = channelsToRun(settings, overrides.env ?? process.env, overrides.channels ?? []);
  const app: FastifyInstance = Fastify({
    loggerInstance: createLogger(settings.LOG_LEVEL, overrides.logDestination) as FastifyBaseLogger,
    // Wrong types are refused, not coerced: a number where text belongs is a malformed payload.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // The client address behind a reverse proxy (sign-in throttling counts per address).
    trustProxy: settings.TRUST_PROXY,
    frameworkErrors,
    ...connectionTimeouts(settings),
  });
  capConnections(app.server, settings.MAX_CONNECTIONS);
  try {
    await registerServicePlugins(app, {
      settings,
      channels,
      now: overrides.now ?? Date.now,
      understander: overrides.understander,
      drainBudget: overrides.drainBudget,
    });
  } catch (err) {
    // Whatever plugin was loaded (the store, channels) is closed again.
    await app.close().catch(() => undefined);
    throw err;
  }
  let stopping: Promise<void> | undefined;
  const { store, knowledge, metrics, handoff } = app;
  return {
    app,
    store,
    knowledge,
    channels: app.channels,
    metrics,
    handoff,
    async start() {
      const address = await app.listen({ port: settings.PORT, host: settings.HOST });
      await logStartupSummary(app, settings, address);
      return address;
    },
    // Plugins close in the reverse of their order: intake first (in-flight webhook calls finish and are
    // stored), then the turns and sends under way; whatever is still queued stays for the next start.
    stop: () => (stopping ??= app.close()),
  };
}
