import type { FastifyInstance } from 'fastify';
import type Keyv from 'keyv';
import type { StoredMention } from '../store/mention.js';
import type { ChannelPosts, HandoffMetrics } from './service-parts.js';
import type { ReplyFailure, TurnOutcome } from '../store/store.js';
import type { Settings } from '../config/settings.js';
import { registerAccess } from './access/register-access.js';
import { createWorkload } from './workload/workload.js';
import type { UserDirectory } from './access/user-directory.js';
import { eventsRoute } from './api/events-route.js';
import { createQueueListing } from './api/queue-listing.js';
import { noReplyRoutes } from './api/no-reply-routes.js';
import { queueRoutes } from './api/queue-routes.js';
import { registerReports } from './reports/reports-feature.js';
import { threadRoutes } from './api/thread-routes.js';
import { readRoute } from './api/read-route.js';
import { consoleRoutes } from './console/console-routes.js';
import { registerCustomerFeatures } from './api/customer-features.js';
import { createHandoffLoop } from './handoff-loop.js';
import { changesQueue, type HandoffEvents } from '../store/handoff-events.js';
import type { HandoffStore, ListedThread } from '../store/handoff-store.js';
import { createModeration } from './moderation/hide-comment.js';
import { moderationRoutes } from './moderation/moderation-routes.js';
import { registerRouting } from './routing/routing-feature.js';
import { createThreadActions, type ThreadActions, type ThreadRef } from './thread-actions.js';
import { announceDecided } from './decided-events.js';
import { createLiveActivity } from './live-activity.js';
import type { BusinessHours } from './hours/business-hours.js';
import { slaState } from './hours/sla-clock.js';
import { createSlaWatch, watchedThreads } from './notify/sla-watch.js';
import { createSlaDue } from './notify/sla-due.js';
import { createReplyFailureDigest } from './notify/reply-failure-digest.js';
import { createTeamNotifier, type TeamEvent, type TeamNotifier } from './notify/team-webhook.js';
import { parseThreadKey, threadKey } from './thread-key.js';
import type { SummaryContext } from './thread-summary.js';
import type { LearnFromReplies } from './learning/learn-from-replies.js';

export interface HandoffDeps {
  app: FastifyInstance;
  settings: Settings;
  handoff: HandoffStore;
  events: HandoffEvents;
  keyv: (namespace: string) => Keyv;
  channels: ReadonlyMap<string, ChannelPosts>;
  metrics: HandoffMetrics;
  /** When people answer: the human SLA clock runs only then. */
  hours: BusinessHours;
  onReplyQueued: () => void;
  now: () => number;
  /** Agents' replies with an entry become candidate examples (issue 19). */
  learn?: LearnFromReplies;
}

export interface Handoff {
  users: UserDirectory;
  actions: ThreadActions;
  /** Tells the consoles about committed decisions: handoffs, new mentions in owned threads, native replies. */
  onDecided(decided: { mention: StoredMention; outcome: TurnOutcome }[]): void;
  /**
   * A reply given up for good (the store already moved its thread to a person if the bot held it):
   * the consoles are told, and the team (`text`: the customer's words). Never throws.
   */
  onReplyFailed(failure: ReplyFailure, reason: string, text: string): Promise<void>;
  /** Replies the platform took: the consoles showing their threads are told. */
  onRepliesSent(replies: ThreadRef[]): void;
  /** A send failed and will be retried (the reason is on the reply): the consoles showing its thread are told. */
  onReplyRetry(reply: ThreadRef): void;
  /** Posts to the team webhook (when one is configured); never throws. */
  notify(event: TeamEvent): Promise<void>;
  /** Runs the handoff clock once now (idle claims, SLA notices); it also runs every few seconds. */
  tick(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The handoff layer: access control, the agent API, the console, its live events and its clock. */
export async function createHandoff(deps: HandoffDeps): Promise<Handoff> {
  const { app, settings } = deps;
  // Changes that may end someone's sessions reach every instance's live streams.
  const accessChanged = (name: string) => void deps.events.publishAccessChange(name);
  const { users, signedIn, isAgent: isAgentName } = await registerAccess(app, { settings, keyv: deps.keyv, accessChanged, now: deps.now });

  // The queue listing (shared by the agents' page requests) is made afresh after any thread event;
  // this instance's own events drop it at once, before they reach anyone (on Redis the bus echoes
  // them back only later), so an agent's refetch after their own action sees it.
  const listing = createQueueListing({ handoff: deps.handoff, summaryContext: () => summaryContext(), events: deps.events });
  const events: HandoffEvents = {
    ...deps.events,
    publish: (event) => {
      if (changesQueue(event)) listing.invalidate();
      return deps.events.publish(event);
    },
  };
  const workload = createWorkload({
    settings,
    users,
    handoff: deps.handoff,
    isAgent: isAgentName,
    signedIn,
    announce: (ref, type, actor, thread) => actions.announce(ref, type, actor, thread),
    log: app.log.child({ component: 'workload' }),
    now: deps.now,
  });
  const reports = await registerReports(app, { handoff: deps.handoff, hours: deps.hours, settings, now: deps.now });
  const actions = createThreadActions({
    onAgentReplied: reports.replied,
    handoff: deps.handoff,
    events,
    channels: deps.channels,
    isAgent: isAgentName,
    claimCap: workload.claimCap,
    onReturned: workload.returned,
    metrics: deps.metrics,
    onReplyQueued: deps.onReplyQueued,
    now: deps.now,
  });
  const target = { targetMinutes: settings.HUMAN_RESPONSE_TARGET_MINUTES, warningFraction: settings.SLA_WARNING_FRACTION };
  const nextTarget = { targetMinutes: settings.HUMAN_NEXT_REPLY_TARGET_MINUTES, warningFraction: settings.SLA_WARNING_FRACTION };
  const sla = (since: number, at: number, kind: 'first' | 'next') => {
    const { breachAt: _breachAt, ...status } = slaState(deps.hours, since, at, kind === 'next' ? nextTarget : target);
    return { ...status, kind };
  };
  const summaryContext = (): SummaryContext => ({ now: deps.now(), limits: (c) => deps.channels.get(c)?.limits, sla });

  const log = app.log.child({ component: 'handoff' });
  const announceError = (err: unknown) => log.error({ err }, 'could not announce a thread event');
  const activity = createLiveActivity({ events, now: deps.now, onError: announceError });
  const notifier: TeamNotifier = settings.TEAM_WEBHOOK_URL
    ? createTeamNotifier({
        url: settings.TEAM_WEBHOOK_URL,
        format: settings.TEAM_WEBHOOK_FORMAT,
        log: log.child({ component: 'team-webhook' }),
        ...(settings.CONSOLE_URL ? { consoleUrl: settings.CONSOLE_URL } : {}),
      })
    : { notify: async () => {} };
  // An outage gives many replies up at once: one notice per channel per window, not one per reply.
  const failureNotices = createReplyFailureDigest({
    notify: (e) => notifier.notify(e),
    windowMs: settings.TEAM_WEBHOOK_GROUP_SECONDS * 1000,
  });
  // Each notice is recorded on the thread (once since its handoff, atomically), so instances and
  // restarts send it once: of several instances ticking at once, one records it and sends it.
  const slaWatch = createSlaWatch({
    hours: deps.hours,
    ...target,
    nextTargetMinutes: settings.HUMAN_NEXT_REPLY_TARGET_MINUTES,
    notifier,
    // Since the clock's start: once per handoff, and once per follow-up for the next-reply notice.
    markNotified: (key, notice, _handoff, since) =>
      deps.handoff.recordEventOnce({ ...parseThreadKey(key)!, type: `sla_${notice}`, actor: 'system', at: deps.now() }, since),
    onBreach: () => deps.metrics.countSlaBreach(),
    onNextBreach: () => deps.metrics.countNextReplySlaBreach(),
  });

  const slaDue = createSlaDue({ store: deps.handoff, hours: deps.hours, ...target, nextTargetMinutes: nextTarget.targetMinutes });

  const moderation = createModeration({
    handoff: deps.handoff,
    channels: deps.channels,
    announce: (ref, type, actor) => actions.announce(ref, type, actor),
    brandHandles: settings.BRAND_HANDLES,
    now: deps.now,
  });
  await app.register(moderationRoutes, { moderation });
  await app.register(queueRoutes, { listing, tags: deps.handoff, teams: deps.handoff });
  await app.register(noReplyRoutes, { handoff: deps.handoff, actions });
  await app.register(threadRoutes, {
    handoff: deps.handoff,
    actions,
    summaryContext,
    brandHandles: settings.BRAND_HANDLES,
    ...(deps.learn ? { learn: deps.learn } : {}),
    canHide: moderation.can,
  });
  await app.register(readRoute, { handoff: deps.handoff, actions, now: deps.now });
  await app.register(eventsRoute, { events: deps.events });
  await registerCustomerFeatures(app, { handoff: deps.handoff, actions, users, channels: () => [...deps.channels.keys()], now: deps.now });
  await app.register(consoleRoutes);
  const routing = await registerRouting({
    app,
    file: settings.ROUTING_FILE,
    handoff: deps.handoff,
    hours: deps.hours,
    isAgent: isAgentName,
    claimCap: workload.claimCap,
    afterHandoff: workload.routed,
    moderation,
    ...(settings.CONSOLE_URL ? { consoleUrl: settings.CONSOLE_URL } : {}),
    now: deps.now,
  });

  const loop = createHandoffLoop({
    handoff: deps.handoff,
    actions,
    claimIdleMs: settings.CLAIM_IDLE_MINUTES * 60_000,
    // The queue's listing (it re-reads only the threads that changed since the last one), only when auto-assigning.
    listOpen: async () => (await listing.list()).map((l) => l.listed),
    ...(workload.autoAssign.enabled ? { autoAssign: (open: readonly ListedThread[]) => workload.autoAssign.sweep(open) } : {}),
    checkSla: (now) => slaDue.run(now, async (due) => void (await slaWatch.check(now, watchedThreads(due)))),
    metrics: deps.metrics,
    log,
    now: deps.now,
  });

  return {
    users,
    actions,
    onDecided(decided) {
      announceDecided(decided, { actions, activity, notifier, onError: announceError });
      // Counted after routing, so that a handoff counts in the team it was routed to.
      void routing.route(decided).then(() => reports.decided(decided));
    },
    onRepliesSent(replies) {
      for (const reply of replies) activity.add(reply, 'reply_sent', 'bot');
    },
    onReplyRetry(reply) {
      activity.add(reply, 'reply_retry', 'bot');
    },
    async onReplyFailed(failure, reason, text) {
      await actions.announce(failure, 'reply_failed', 'bot').catch(announceError);
      failureNotices.add({
        type: 'reply_failed',
        channel: failure.channel,
        threadKey: threadKey(failure.channel, failure.threadId),
        author: failure.recipient,
        text,
        reason,
        handedOff: failure.handedOff,
      });
    },
    notify: (event) => notifier.notify(event),
    tick: () => loop.tick(),
    async start() {
      // The first user on a fresh install, from the environment (never logged).
      if (settings.ADMIN_PASSWORD) await users.saveUser('admin', ['admin'], settings.ADMIN_PASSWORD);
      loop.start();
    },
    async stop() {
      await loop.stop();
      routing.close();
      await activity.flush();
      await failureNotices.flush();
      await deps.events.close();
    },
  };
}
