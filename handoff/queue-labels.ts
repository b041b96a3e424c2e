import type { Understanding } from '../intents/understanding.js';
import { priorityOf, priorityReasons, urgencySignals, type Priority } from '../intents/urgency.js';

/** Built-in topics in the words an agent would use (complaint is a tone, read from the complaint flag). */
const TOPIC_LABELS: Record<string, string> = {
  greeting: 'Greeting',
  thanks: 'Thanks',
  delivery: 'Delivery',
  refund: 'Refund request',
  cancel: 'Cancellation',
  account: 'Account',
  billing: 'Billing',
  outage: 'Something not working',
  human: 'Asks for a person',
  spam: 'Looks like spam',
};

/** What an agent reads on a queue row: the priority, why, and one plain label set (no repeats). */
export interface RowLabels {
  priority: Priority;
  /** The first reason for an urgent or high priority ("Safety: burn injury"), else null. */
  reason: string | null;
  /** That reason's signal (safety, data_breach, legal, service_down, money_taken, follow_up), else null. */
  signal: string | null;
  /** Every reason, then the topic, then the tone; each once. */
  labels: string[];
}

/**
 * A mention's place in the ranking, from its text and what the bot made of it. Worked out from the
 * text each time (not read from the stored understanding), so every row is ranked by today's rules.
 */
export function priorityFor(text: string | null, u: Pick<Understanding, 'topic' | 'sentiment' | 'complaint'> | null): Priority {
  return priorityOf(text ? urgencySignals(text) : [], u?.topic, u?.sentiment === 'negative', u?.complaint === true);
}

/** The reason in plain words for an urgent or high mention ("Money: charged twice or too much"). */
export function priorityReasonOf(text: string, u: Pick<Understanding, 'topic'> | null): string | undefined {
  const priority = priorityFor(text, u);
  return priorityReasons(text).find((r) => r.priority === priority)?.reason;
}

function toneLabel(u: Pick<Understanding, 'sentiment' | 'complaint' | 'topic'>): string | null {
  const complaint = u.complaint === true || u.topic === 'complaint';
  if (complaint && u.sentiment === 'negative') return 'Angry complaint';
  if (complaint) return 'Complaint';
  if (u.sentiment === 'negative') return 'Upset';
  return null;
}

export function rowLabels(text: string | null, u: Pick<Understanding, 'topic' | 'sentiment' | 'complaint'> | null): RowLabels {
  const priority = priorityFor(text, u);
  const found = text && (priority === 'urgent' || priority === 'high') ? priorityReasons(text) : [];
  const reasons = found.map((r) => r.reason);
  // "Service down: no service" already says what the outage topic would.
  const topic = u?.topic && !(u.topic === 'outage' && found.some((r) => r.signal === 'service_down')) ? TOPIC_LABELS[u.topic] : undefined;
  const tone = u ? toneLabel(u) : null;
  const labels: string[] = [];
  for (const label of [...reasons, topic, tone])
    if (label && !labels.some((l) => l.toLowerCase() === label.toLowerCase())) labels.push(label);
  return { priority, reason: reasons[0] ?? null, signal: found[0]?.signal ?? null, labels };
}

/**
 * The row's labels under a routing rule's priority: the rule's level replaces the one worked out from
 * the text, except that a rule never lowers an urgent thread (someone hurt, an account in the wrong
 * hands, a legal threat), and the row says the level came from a rule.
 */
export function withRoutedPriority(labels: RowLabels, routed: Priority | null | undefined): RowLabels {
  if (!routed || routed === labels.priority || labels.priority === 'urgent') return labels;
  return {
    ...labels,
    priority: routed,
    signal: null,
    labels: [`${routed[0]!.toUpperCase()}${routed.slice(1)} priority (routing rule)`, ...labels.labels],
  };
}
