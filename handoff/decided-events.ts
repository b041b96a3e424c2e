import type { StoredMention } from '../store/mention.js';
import type { TurnOutcome } from '../store/store.js';
import { listedHead } from '../store/step-budget.js';
import type { LiveActivity } from './live-activity.js';
import type { TeamNotifier } from './notify/team-webhook.js';
import { priorityFor } from './queue-labels.js';
import type { ThreadActions } from './thread-actions.js';
import { threadKey } from './thread-key.js';
import { understandingOf } from './thread-summary.js';

/**
 * Tells the consoles (and for a handoff the team) about committed decisions. A handoff, a native
 * brand reply and a mention in a person's thread change the queue: announced with the thread as
 * stored. Any other mention is the bot's conversation going on (answered, or needing no reply):
 * noted as live activity, with its replies queued, for whoever has that thread open.
 */
export function announceDecided(
  decided: { mention: StoredMention; outcome: TurnOutcome }[],
  deps: { actions: ThreadActions; activity: LiveActivity; notifier: TeamNotifier; onError: (err: unknown) => void },
): void {
  for (const { mention, outcome } of decided) {
    const type =
      outcome.threadState === 'waiting'
        ? 'handoff'
        : outcome.threadState === 'agent' || outcome.threadState === 'resolved'
          ? 'human_reply_on_platform'
          : outcome.status === 'routed'
            ? 'mention'
            : undefined;
    if (!type) {
      deps.activity.add(mention, 'mention', mention.author);
      if (outcome.replies.length > 0) deps.activity.add(mention, 'reply_queued', 'bot');
      continue;
    }
    const actor = type === 'human_reply_on_platform' ? (outcome.assignee ?? 'platform') : mention.author;
    deps.actions.announce(mention, type, actor).catch(deps.onError);
    if (type === 'handoff') {
      const understanding = understandingOf({ decision: outcome.decision });
      void deps.notifier.notify({
        type: 'handoff',
        channel: mention.channel,
        threadKey: threadKey(mention.channel, mention.threadId),
        author: mention.author,
        // A notification quotes the start only: never escape and clean a whole long text for it.
        text: listedHead(mention.text) ?? mention.text,
        priority: priorityFor(mention.text, understanding),
        reason: String(outcome.decision.reason ?? 'handoff'),
      });
    }
  }
}
