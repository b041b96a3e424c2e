import type { FastifyInstance } from 'fastify';
import type { Settings } from '../../config/settings.js';
import type { Understander } from '../../intents/understanding.js';
import type { Channel } from '../channels/channel.js';
import type { DrainBudgetPolicy } from '../inbox/drain-budget.js';
import { channelsPlugin } from './channels-plugin.js';
import { drainsPlugin } from './drains-plugin.js';
import { handoffPlugin } from './handoff-plugin.js';
import { healthPlugin } from './health-plugin.js';
import { intakePlugin } from './intake-plugin.js';
import { knowledgePlugin } from './knowledge-plugin.js';
import { serverPlugin } from './server-plugin.js';
import { storePlugin } from './store-plugin.js';
import { understandingPlugin } from './understanding-plugin.js';

export interface ServicePluginOptions {
  settings: Settings;
  channels: Channel[];
  now: () => number;
  understander?: Understander | undefined;
  drainBudget?: Partial<DrainBudgetPolicy> | undefined;
}

/**
 * The service's plugins in the order they load and get ready; they close in the reverse order
 * (Fastify runs onClose hooks last-registered first). Each one's decorators are what the later
 * ones use: a test registers only the prefix it needs (test/bot/service/plugins.test.ts).
 *
 *   server → store → intake → channels → understanding → knowledge → handoff → drains → health
 *
 * Ready: leases released, channels started (before any send), the knowledge file watched, the
 * handoff clock, the turn worker and the outbox sender started, then /readyz says ready.
 * Close: not ready; the server stops taking requests and finishes those under way; the turns and
 * the sends under way finish; the handoff clock stops; channels stop; the store closes last.
 */
export async function registerServicePlugins(app: FastifyInstance, opts: ServicePluginOptions): Promise<void> {
  const { settings, now } = opts;
  await app.register(serverPlugin);
  await app.register(storePlugin, { settings });
  await app.register(intakePlugin, { ackDeadlineSeconds: settings.ACK_DEADLINE_SECONDS, now, drainBudget: opts.drainBudget });
  await app.register(channelsPlugin, { channels: opts.channels, now });
  await app.register(understandingPlugin, { settings, understander: opts.understander });
  await app.register(knowledgePlugin, { settings });
  await app.register(handoffPlugin, { settings, now });
  await app.register(drainsPlugin, { settings, now });
  await app.register(healthPlugin, { metricsToken: settings.METRICS_TOKEN });
}
