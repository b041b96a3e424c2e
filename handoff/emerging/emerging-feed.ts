import { randomBytes } from 'node:crypto';
import { draftYaml } from '../../intents/emerging/draft-entry.js';
import { createEmergingGrouper, type EmergingOptions, type RaisedGroup } from '../../intents/emerging/emerging-grouper.js';
import type { EmergingGroups, NewEmergingGroup } from '../../store/emerging-groups.js';

/** A handed-off mention as the feed takes it. */
export interface FedMention {
  /** Unique per mention (its id in the store). */
  key: string;
  threadKey: string;
  at: number;
  author: string;
  text: string;
}

export interface EmergingFeedDeps {
  groups: EmergingGroups;
  options: Partial<EmergingOptions>;
  /** Mentions waiting to be grouped, at most; past it the oldest waiting ones are dropped (and counted). */
  maxQueued: number;
  /** Unit sentence embeddings of the texts (the understanding's cached encoder: no second model run), when there is one. */
  embed?: (texts: string[]) => Promise<Float32Array[]>;
  /** A group was raised and stored. Never awaited by the turn. */
  onRaised(group: NewEmergingGroup): void;
  /** A stored group grew (the consoles redraw its count). */
  onGrown?(id: string): void;
  onError(err: unknown): void;
}

export interface EmergingFeed {
  /** Queues handed-off mentions; returns at once (the grouping runs after, in batches). */
  offer(mentions: readonly FedMention[]): void;
  /** Resolves when everything offered so far is grouped (tests, shutdown). */
  idle(): Promise<void>;
  readonly dropped: number;
}

const BATCH = 64;
/** The event loop's share the grouping may take while mentions wait for it. */
const SHARE = 0.2;

/**
 * Feeds the mentions this instance hands off into the incremental grouper, off the turn's path: the
 * turn only pushes onto a bounded queue, and a batch is grouped later on its own turn of the event
 * loop. Each instance groups what it hands off; a raised group is stored under an id unique to this
 * process, with the threads of its mentions, so every console (on every instance) sees it once.
 */
export function createEmergingFeed(deps: EmergingFeedDeps): EmergingFeed {
  const grouper = createEmergingGrouper(deps.options);
  const windowMs = deps.options.windowMs ?? 60 * 60_000;
  const instance = randomBytes(4).toString('hex');
  const queue: FedMention[] = [];
  /** Mentions in the window (oldest first): whose thread each group holds. */
  const recent: FedMention[] = [];
  const stored = new Map<number, string>();
  let running: Promise<void> | undefined;
  let lastAt = 0;
  let dropped = 0;

  const toStored = (raised: RaisedGroup, keys: string[]): NewEmergingGroup => ({
    id: `${instance}-${raised.groupId}`,
    raisedAt: raised.raisedAt,
    size: raised.size,
    authors: raised.authors,
    words: raised.words,
    samples: raised.samples,
    draftId: raised.draft.id,
    draftYaml: draftYaml(raised.draft),
    threadKeys: keys,
  });

  async function groupBatch(batch: FedMention[]) {
    const vectors = deps.embed ? await deps.embed(batch.map((m) => m.text)).catch(() => []) : [];
    const grown = new Map<number, string[]>();
    const raised: NewEmergingGroup[] = [];
    batch.forEach((m, i) => {
      // The grouper walks time forward; a mention decided a little out of order counts as now.
      lastAt = Math.max(lastAt, m.at);
      recent.push(m);
      while (recent.length > 0 && recent[0]!.at < lastAt - windowMs) recent.shift();
      const vector = vectors[i];
      const r = grouper.add({ key: m.key, at: lastAt, author: m.author, text: m.text, ...(vector ? { embedding: vector } : {}) });
      if (r.raised) {
        const keys = [...new Set(recent.filter((x) => grouper.groupOf(x.key) === r.groupId).map((x) => x.threadKey))];
        const g = toStored(r.raised, keys);
        stored.set(r.groupId, g.id);
        raised.push(g);
      } else if (stored.has(r.groupId)) {
        grown.set(r.groupId, [...(grown.get(r.groupId) ?? []), m.threadKey]);
      }
    });
    for (const g of raised) {
      await deps.groups.saveGroup(g);
      deps.onRaised(g);
    }
    for (const [groupId, keys] of grown) {
      const now = grouper.counts(groupId);
      const id = stored.get(groupId)!;
      await deps.groups.growGroup(id, now?.size ?? 0, now?.authors ?? 0, keys);
      deps.onGrown?.(id);
    }
  }

  async function drain() {
    while (queue.length > 0) {
      // Its own turn of the event loop: a burst of handoffs never holds the turns that follow it.
      await new Promise((resolve) => setImmediate(resolve));
      const started = performance.now();
      await groupBatch(queue.splice(0, BATCH)).catch(deps.onError);
      // Then a rest in proportion, so that grouping takes at most its share of the loop: under a
      // burst the turns (every mention's acknowledgement) keep the rest, and the queue's bound drops
      // the oldest waiting mentions if the grouping cannot keep up.
      const spent = performance.now() - started;
      const rest = (spent * (1 - SHARE)) / SHARE;
      if (rest >= 1 && queue.length > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    running = undefined;
  }

  return {
    offer(mentions) {
      if (mentions.length === 0) return;
      queue.push(...mentions);
      if (queue.length > deps.maxQueued) dropped += queue.splice(0, queue.length - deps.maxQueued).length;
      running ??= drain();
    },
    async idle() {
      while (running) await running;
    },
    get dropped() {
      return dropped;
    },
  };
}
