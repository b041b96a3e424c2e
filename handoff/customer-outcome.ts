import type { ListedThread } from '../store/handoff-store.js';

/** How a thread of the customer's went, as the customer panel shows it. */
export interface ThreadOutcome {
  kind:
    | 'waiting'
    | 'with_person'
    | 'brand_replied'
    | 'resolved'
    | 'closed'
    | 'answered'
    | 'courtesy'
    | 'no_reply'
    | 'handed_back'
    | 'pending';
  /** For agents, in plain words ("Answered by the bot: parcel-delays", "Resolved by ann"). */
  label: string;
}

const NO_REPLY_LABELS: Record<string, string> = { spam: 'spam', noise: 'noise', chatter: 'chatter' };

/** A thread's outcome: who has it now or who finished it, else what the bot did with the customer's latest post. */
export function threadOutcome({ thread, latest }: ListedThread): ThreadOutcome {
  const who = thread.assignee;
  switch (thread.state) {
    case 'waiting':
      return { kind: 'waiting', label: 'Waiting for a person' };
    case 'agent':
      return who?.startsWith('platform:')
        ? { kind: 'brand_replied', label: `Answered on the platform by ${who.slice('platform:'.length)}` }
        : { kind: 'with_person', label: `With ${who ?? 'a person'}` };
    case 'resolved':
      return { kind: 'resolved', label: who ? `Resolved by ${who}` : 'Resolved' };
    case 'closed':
      return { kind: 'closed', label: who ? `Closed by ${who}` : 'Closed' };
    default:
      break;
  }
  const decision = (latest?.decision ?? {}) as { reason?: unknown; entryId?: unknown };
  switch (latest?.status) {
    case 'answered':
      return {
        kind: 'answered',
        label: typeof decision.entryId === 'string' ? `Answered by the bot: ${decision.entryId}` : 'Answered by the bot',
      };
    case 'no_reply':
      return decision.reason === 'courtesy'
        ? { kind: 'courtesy', label: 'Courtesy reply' }
        : { kind: 'no_reply', label: `No reply needed (${NO_REPLY_LABELS[String(decision.reason)] ?? 'no reply'})` };
    case 'handed_off':
    case 'routed':
      return { kind: 'handed_back', label: 'Handed back to the bot' };
    case 'received':
      return { kind: 'pending', label: 'Being answered' };
    default:
      return { kind: 'no_reply', label: 'No reply' };
  }
}
