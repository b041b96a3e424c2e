import type { FastifyInstance } from 'fastify';
import type { Settings } from '../../config/settings.js';
import type { EmergingGroups } from '../../store/emerging-groups.js';
import type { HandoffEvents } from '../../store/handoff-events.js';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { StoredMention } from '../../store/mention.js';
import type { TurnOutcome } from '../../store/store.js';
import type { TeamEvent } from '../notify/team-events.js';
import type { ThreadActions } from '../thread-actions.js';
import { threadKey } from '../thread-key.js';
import type { AnsweredMention } from './answer-group.js';
import { createAnswerRunner } from './answer-runner.js';
import { createEmergingFeed, type EmergingFeed } from './emerging-feed.js';
import { emergingRoutes } from './emerging-routes.js';

const GROWN_EVERY_MS = 5000;

/**
 * What the grouping takes in: the mentions handed to a person, and those that arrive in a thread a
 * person already holds (routed). A thread is waiting from its first handoff, so during an incident the
 * customers piling on under one complaint or under the brand's status post ("same here", "hurry, fix
 * it") are all routed: without them a wave that spreads in replies was never grouped in the service,
 * though the offline command, which decides every mention as if alone in its thread, raised it.
 */
const GROUPED: readonly TurnOutcome['status'][] = ['handed_off', 'routed'];

export interface EmergingFeatureDeps {
  app: FastifyInstance;
  settings: Settings;
  groups: EmergingGroups;
  handoff: HandoffStore;
  events: HandoffEvents;
  actions: ThreadActions;
  notify(event: TeamEvent): Promise<void>;
  liveEntry(entryId: string): { title: string } | undefined;
  replyFor(entryId: string, mention: AnsweredMention): string | undefined;
  embed?: (texts: string[]) => Promise<Float32Array[]>;
  now: () => number;
}

export interface EmergingFeature {
  /** Takes the committed decisions: the handed-off mentions go to the grouping (queued, never awaited). */
  onDecided(decided: readonly { mention: StoredMention; outcome: TurnOutcome }[]): void;
  /** The grouping when it is on (tests wait for it to be idle). */
  feed: EmergingFeed | undefined;
}

/**
 * Emerging incidents in the service (issue 19): the routes, and when EMERGING_INCIDENTS is on, the
 * grouping of this instance's handoffs, whose raised groups are stored, told to the team and to the
 * open consoles (a live event of type "emerging").
 */
export async function registerEmerging(deps: EmergingFeatureDeps): Promise<EmergingFeature> {
  const { app, settings } = deps;
  const log = app.log.child({ component: 'emerging' });
  const changed = (id: string, actor: string, type = 'emerging') =>
    void deps.events
      .publish({ key: `emerging:${id}`, channel: '', threadId: '', type, state: null, assignee: null, actor, at: deps.now() })
      .catch((err: unknown) => log.error({ err }, 'could not announce an emerging incident'));
  const runner = createAnswerRunner({
    ...deps,
    onPage: (id, actor) => changed(id, actor),
    onError: (err) => log.error({ err }, 'could not answer an emerging incident’s threads; the next resume goes on'),
  });
  // Answering left mid-way by a restart goes on once the service is up.
  app.addHook('onReady', async () => void runner.resume().catch((err: unknown) => log.error({ err }, 'could not resume answering')));
  app.addHook('onClose', async () => runner.stop());
  await app.register(emergingRoutes, {
    groups: deps.groups,
    handoff: deps.handoff,
    actions: deps.actions,
    liveEntry: deps.liveEntry,
    replyFor: deps.replyFor,
    changed,
    continueAnswering: (id) => runner.continueGroup(id),
    now: deps.now,
  });
  if (!settings.EMERGING_INCIDENTS) return { onDecided: () => {}, feed: undefined };
  const lastTold = new Map<string, number>();
  const feed = createEmergingFeed({
    groups: deps.groups,
    options: {
      windowMs: settings.EMERGING_WINDOW_MINUTES * 60_000,
      minSize: settings.EMERGING_MIN_SIZE,
      minAuthors: settings.EMERGING_MIN_AUTHORS,
    },
    maxQueued: settings.EMERGING_QUEUE,
    ...(deps.embed ? { embed: deps.embed } : {}),
    onRaised(g) {
      log.info({ group: g.id, size: g.size, authors: g.authors, words: g.words }, 'emerging incident raised');
      changed(g.id, 'bot');
      void deps.notify({
        type: 'emerging_incident',
        size: g.size,
        authors: g.authors,
        words: g.words,
        samples: g.samples,
        draftId: g.draftId,
      });
    },
    // A wave grows its group many times a second: the consoles hear of it at most every few seconds.
    onGrown(id) {
      const at = deps.now();
      if (at - (lastTold.get(id) ?? 0) < GROWN_EVERY_MS) return;
      lastTold.set(id, at);
      changed(id, 'bot');
    },
    onError: (err) => log.error({ err }, 'could not group handed-off mentions'),
  });
  return {
    feed,
    onDecided(decided) {
      feed.offer(
        decided
          .filter((d) => GROUPED.includes(d.outcome.status))
          .map(({ mention: m }) => ({
            key: String(m.id),
            threadKey: threadKey(m.channel, m.threadId),
            at: m.receivedAt,
            author: m.author,
            text: m.text,
          })),
      );
    },
  };
}
