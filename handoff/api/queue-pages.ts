import type { HandoffStore } from '../../store/handoff-store.js';
import { queueScore, scoreParts, type QueueEntry, type QueueViewName } from '../../store/queue-index.js';
import type { QueuePosition } from '../queue-order.js';
import { parseThreadKey, threadKey } from '../thread-key.js';
import { summarizeThread, type SummaryContext, type ThreadSummary } from '../thread-summary.js';
import { QUEUE_FILTERS } from './queue-views.js';

type PageStore = Pick<HandoffStore, 'queueEntries' | 'queueCounts' | 'unrankedThreads' | 'rankThreads' | 'listThreadsOf'>;

// Ranked a slice at a time: each slice one read of the threads and one write of their priorities.
const RANK_SLICE = 500;

/** A position's score (the store's order) and back: the priority is ThreadSummary.priority's parts. */
export const scoreOfPosition = (p: QueuePosition) => queueScore(p.urgency * 4 + p.negative * 2 + p.complaint, p.answered === 1, p.since);

export function positionOfEntry(e: QueueEntry): QueuePosition {
  const { priority, answered, since } = scoreParts(e.score);
  return {
    urgency: priority >> 2,
    negative: (priority >> 1) & 1,
    complaint: priority & 1,
    answered: answered ? 1 : 0,
    since,
    key: threadKey(e.channel, e.threadId),
  };
}

/**
 * Queue pages read from the store's queue index (store/queue-index.ts): the threads after the cursor
 * in queue order, `limit` of them, summarized; no listing of every open thread. Threads the store
 * holds no priority for (their latest mention changed) are ranked first, by the summary's own
 * priority (handoff/queue-order.ts through summarizeThread), so the order is the listing's.
 */
export function createQueuePages(opts: { store: PageStore; summaryContext: () => SummaryContext }) {
  let ranking: Promise<void> | undefined;

  const rankNow = async () => {
    const unranked = await opts.store.unrankedThreads();
    for (let i = 0; i < unranked.length; i += RANK_SLICE) {
      const slice = unranked.slice(i, i + RANK_SLICE);
      const listed = new Map((await opts.store.listThreadsOf(slice)).map((l) => [threadKey(l.thread.channel, l.thread.threadId), l]));
      const ctx = opts.summaryContext();
      const ranks = slice.flatMap((u) => {
        const l = listed.get(threadKey(u.channel, u.threadId));
        return l ? [{ ...u, priority: summarizeThread(l.thread, l.latest, ctx).priority }] : [];
      });
      await opts.store.rankThreads(ranks);
    }
  };

  /**
   * Ranks the unranked threads. A ranking already under way may have read a thread before its latest
   * change (a rule's priority set after the commit): the store refuses that rank and the thread stays
   * unranked, so a request waits for it and then ranks what is still unranked, never reading a page
   * with a thread left at the bottom for want of a rank.
   */
  const rank = async () => {
    while (ranking) await ranking;
    ranking = rankNow().finally(() => {
      ranking = undefined;
    });
    return ranking;
  };

  return {
    counts: (me: string) => opts.store.queueCounts(me),
    async page(q: { view: QueueViewName; me: string; after: QueuePosition | undefined; limit: number }) {
      await rank();
      const assignee = q.me;
      const cursorThread = q.after && parseThreadKey(q.after.key);
      const after = q.after && cursorThread ? { score: scoreOfPosition(q.after), ...cursorThread } : null;
      const rows = (await opts.store.queueEntries({ view: q.view, assignee, after, limit: q.limit + 1 })).map((r) => ({
        ...r,
        key: threadKey(r.channel, r.threadId),
      }));
      const page = rows.slice(0, q.limit);
      const listed = new Map((await opts.store.listThreadsOf(page)).map((l) => [threadKey(l.thread.channel, l.thread.threadId), l]));
      const ctx = opts.summaryContext();
      const threads: ThreadSummary[] = [];
      for (const entry of page) {
        const l = listed.get(entry.key);
        if (!l) continue;
        const { rank: _, ...summary } = summarizeThread(l.thread, l.latest, ctx);
        // Changed between the two reads (claimed, resolved): shown only where it still belongs.
        if (summary.state !== 'waiting' && summary.state !== 'agent') continue;
        if (!QUEUE_FILTERS[q.view](summary, q.me)) continue;
        threads.push(summary);
      }
      const last = page.at(-1);
      return { threads, next: rows.length > q.limit && last ? positionOfEntry(last) : null };
    },
  };
}
