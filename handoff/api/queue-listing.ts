import { changesQueue, type HandoffEvents } from '../../store/handoff-events.js';
import { compareQueue, type QueuePosition } from '../queue-order.js';
import type { HandoffStore, ListedThread, ThreadVersion } from '../../store/handoff-store.js';
import { OPEN_STATES } from '../../store/thread-state.js';
import type { ListedSummary } from './queue-views.js';
import { summarizeThread, type SummaryContext, type ThreadSummary } from '../thread-summary.js';
import { createQueuePages } from './queue-pages.js';

export type { ListedSummary } from './queue-views.js';

const positionOf = (t: ThreadSummary & { rank: { urgency: number; negative: number; complaint: number } }): QueuePosition => ({
  urgency: t.rank.urgency,
  negative: t.rank.negative,
  complaint: t.rank.complaint,
  // A customer's unanswered follow-up puts the thread back among those waiting, from when they wrote.
  answered: t.firstHumanReplyAt && !t.customerRepliedAt ? 1 : 0,
  since: t.customerRepliedAt ?? t.handoffAt ?? t.updatedAt,
  key: t.key,
});

/** Two lists in queue order as one. */
function mergeInQueueOrder<T extends ListedSummary>(a: T[], b: readonly T[]): T[] {
  if (b.length === 0) return a;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareQueue(a[i]!.position, b[j]!.position) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

interface Cached extends ListedSummary {
  key: string;
  version: string;
}

/**
 * Every open thread summarized, in queue order: the work behind each page of GET /api/queue. Agents'
 * consoles refetch together (every thread event reaches them all), so the requests that arrive while
 * a listing is being made, or within `maxAgeMs` of it, share it; a thread event makes the next request
 * list afresh, so a console refetching because of an event sees what the event announced. Listing
 * afresh reads each open thread's row and latest mention id only, and summarizes (texts, decisions,
 * priority rules) only the threads that changed since the last listing.
 */
export function createQueueListing(opts: {
  handoff: HandoffStore;
  summaryContext: () => SummaryContext;
  events: HandoffEvents;
  maxAgeMs?: number;
  now?: () => number;
}) {
  const maxAgeMs = opts.maxAgeMs ?? 1000;
  const now = opts.now ?? Date.now;
  let current: { madeAt: number; listing: Promise<ListedSummary[]> } | undefined;
  let cache = new Map<string, Cached>();
  const invalidate = () => {
    current = undefined;
  };
  opts.events.subscribe((event) => changesQueue(event) && invalidate());

  const summarize = (listed: ListedThread, ctx: SummaryContext) => {
    const { rank, ...summary } = summarizeThread(listed.thread, listed.latest, ctx);
    return { summary, position: positionOf({ ...summary, rank }), listed };
  };

  // Cache keys: channel and thread id as they are (thread keys, base64, only for the threads summarized).
  const cacheKey = (t: { channel: string; threadId: string }) => `${t.channel}\n${t.threadId}`;
  let sorted: Cached[] = [];

  // The store's change journal, where it keeps one: the token of the last listing made from it.
  let journal: number | undefined;

  /** The open threads listed again (each changed or new one summarized), the others kept as they were. */
  const relist = async (refs: readonly ThreadVersion[], keep: (next: Map<string, Cached>) => void) => {
    const next = new Map<string, Cached>();
    keep(next);
    const fresh: Cached[] = [];
    if (refs.length > 0) {
      const changed = new Map(refs.map((r) => [cacheKey(r), r.version]));
      const ctx = opts.summaryContext();
      for (const listed of await opts.handoff.listThreadsOf(refs)) {
        const key = cacheKey(listed.thread);
        // Closed since the versions were read: not in the queue.
        if (!OPEN_STATES.includes(listed.thread.state)) {
          next.delete(key);
          continue;
        }
        // Read after its version: if it changed between the two reads, the next listing sees a new version.
        const entry = { ...summarize(listed, ctx), key, version: changed.get(key)! };
        next.set(key, entry);
        fresh.push(entry);
      }
      // Gone from the store altogether: not in the queue either.
      for (const key of changed.keys()) if (next.get(key)?.version !== changed.get(key)) next.delete(key);
    }
    return { next, fresh };
  };

  /** Every open thread's version compared with the last listing's (the store keeps no journal, or this is the first listing). */
  const compareVersions = async () => {
    const token = (await opts.handoff.openThreadChanges?.(null))?.token;
    const versions = await opts.handoff.listOpenThreadVersions();
    const refs: ThreadVersion[] = [];
    const result = await relist(refs, (next) => {
      for (const v of versions) {
        const known = cache.get(cacheKey(v));
        if (known?.version === v.version) next.set(cacheKey(v), known);
        else refs.push(v);
      }
    });
    journal = token;
    return result;
  };

  /** Only the threads the store's journal names as changed since the last listing. */
  const readJournal = async (since: number) => {
    const changes = await opts.handoff.openThreadChanges?.(since);
    if (!changes) return compareVersions();
    // A version of the journal's own: an entry kept from a comparison of versions is summarized again once changed.
    const refs = changes.changed.filter((c) => c.open).map((c) => ({ ...c, version: `journal:${changes.token}` }));
    const result = await relist(refs, (next) => {
      for (const [key, entry] of cache) next.set(key, entry);
      // Closed or resolved since: out of the queue without reading it.
      for (const c of changes.changed) if (!c.open) next.delete(cacheKey(c));
    });
    journal = changes.token;
    return result;
  };

  const make = async (): Promise<ListedSummary[]> => {
    const { next, fresh } = journal === undefined ? await compareVersions() : await readJournal(journal);
    // The last order, less what left or changed, merged with the changed threads in order: no sort of every thread.
    const kept = sorted.filter((entry) => next.get(entry.key) === entry);
    cache = next;
    sorted = mergeInQueueOrder(
      kept,
      fresh.sort((a, b) => compareQueue(a.position, b.position)),
    );
    return sorted;
  };

  const made = () => {
    const at = now();
    if (!current || at - current.madeAt > maxAgeMs) {
      const listing = make();
      const made: NonNullable<typeof current> = { madeAt: at, listing };
      current = made;
      // A failed listing (the store unavailable) is not kept: the next request tries again.
      listing.catch(() => current === made && (current = undefined));
    }
    return current;
  };

  return {
    list(): Promise<ListedSummary[]> {
      return made().listing;
    },
    /** The threads of a page summarized now (time waiting and SLA run on; a listing is kept for many requests). */
    summarizeNow(page: readonly ListedSummary[]): ThreadSummary[] {
      const ctx = opts.summaryContext();
      return page.map(({ listed }) => summarize(listed, ctx).summary);
    },
    /** The next request lists afresh (a thread changed). */
    invalidate,
    /** Queue pages, read from the store's queue index instead of a listing (team queues too). */
    pages: createQueuePages({ store: opts.handoff, summaryContext: opts.summaryContext }),
  };
}
