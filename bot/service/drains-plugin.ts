import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Settings } from '../../config/settings.js';
import { describeOpening, isOpen } from '../../handoff/hours/business-hours.js';
import { hoursFromSettings } from '../../config/hours-settings.js';
import { createTurnWorker } from '../inbox/turn-worker.js';
import { createOutboxSender } from '../outbox/outbox-sender.js';
import { createTurnRunner } from '../turn/run-turn.js';

/**
 * The two drains. The turn worker takes stored mentions (step `stored`), runs their turns and
 * commits each decision with its replies (`decided`, `replyQueued`); the outbox sender sends
 * queued replies (`replyQueued`), says which went out (`replySent`) or will be retried (`replyRetry`)
 * and gives up on some (`replyFailed`). On ready both start; on
 * close the turns under way commit, then the sends under way finish.
 */
export const drainsPlugin = fp(
  async (app: FastifyInstance, opts: { settings: Settings; now: () => number }) => {
    const { settings, now } = opts;
    const { store, metrics, way } = app;
    const { pacer } = app.intake;
    const hours = hoursFromSettings(settings);
    const afterHours = (at: number) =>
      isOpen(hours, at)
        ? undefined
        : { template: settings.AFTER_HOURS_ACKNOWLEDGEMENT, opens: (language: string) => describeOpening(hours, at, language) };
    const turns = createTurnRunner({
      store,
      understander: app.understander,
      knowledge: app.knowledge,
      channels: app.channels,
      settings,
      now,
      afterHours,
    });
    const worker = createTurnWorker({
      store,
      turns,
      log: app.log.child({ component: 'inbox' }),
      onCommitted: () => way.replyQueued.taken(),
      onDecided: (decided) => way.decided.taken(decided),
      now,
      metrics,
      pacer,
    });
    const sender = createOutboxSender({
      store,
      channels: app.channels,
      log: app.log.child({ component: 'outbox' }),
      ...(settings.OUTBOX_MAX_ATTEMPTS !== undefined ? { maxAttempts: settings.OUTBOX_MAX_ATTEMPTS } : {}),
      retryBaseMs: settings.OUTBOX_RETRY_BASE_MS,
      maxRetryDelayMs: settings.OUTBOX_RETRY_MAX_DELAY_SECONDS * 1000,
      retryHorizonMs: settings.OUTBOX_RETRY_HORIZON_MINUTES * 60_000,
      onFailed: (reply, failure, reason) => way.replyFailed.taken(reply, failure, reason),
      onSent: (replies) => way.replySent.taken(replies),
      onRetry: (reply, reason) => way.replyRetry.taken(reply, reason),
      now,
      metrics,
      restAfter: pacer.restAfter,
      quota: app.quota,
      // On Redis each outbox step waits on three round trips (pauses, claim, marking sent) that a busy
      // Redis answers in milliseconds: bigger steps amortise them (a backlog drains about a sixth faster).
      ...(settings.REDIS_URL ? { batchSize: 128 } : {}),
    });
    way.stored.on(() => worker.wake());
    way.replyQueued.on(() => sender.wake());
    app.addHook('onReady', async () => {
      if (settings.OUTBOX_MAX_ATTEMPTS !== undefined) {
        app.log.warn(
          { attempts: settings.OUTBOX_MAX_ATTEMPTS, horizonMinutes: settings.OUTBOX_RETRY_HORIZON_MINUTES },
          'OUTBOX_MAX_ATTEMPTS is set: a reply is given up after that many attempts even before OUTBOX_RETRY_HORIZON_MINUTES',
        );
      }
      worker.start();
      sender.start();
    });
    app.addHook('onClose', async () => {
      await worker.stop();
      await sender.stop();
    });
  },
  { name: 'drains', dependencies: ['store', 'intake', 'channels', 'understanding', 'knowledge'] },
);
