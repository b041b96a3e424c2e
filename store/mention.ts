/** One public mention, normalised from whichever platform it came from. */
export interface Mention {
  /** Channel name: sandbox, x, meta, mastodon, bluesky, botframework... */
  channel: string;
  /** The post's id on the platform; unique within the channel. */
  platformId: string;
  /** The thread's root post id on the platform: replies go into this thread. */
  threadId: string;
  /** Handle or id of the author, as the platform shows it. */
  author: string;
  /** The platform marked the author as automated. */
  authorIsBot?: boolean;
  text: string;
  /** ISO 8601 time the platform says the post was made. */
  createdAt: string;
  permalink?: string;
  /** Anything channel-specific the adapter needs to reply (visibility, cids, comment kind...). */
  replyContext?: Record<string, unknown>;
}

/** A mention as the inbox keeps it. */
export interface StoredMention extends Mention {
  id: number;
  receivedAt: number;
  deadlineAt: number;
  status: MentionStatus;
  /** Turns started on this mention (a turn that keeps crashing is acknowledged and handed off). */
  attempts: number;
}

/**
 * received: stored, not yet decided. answered: the bot's reply is in the outbox.
 * handed_off: acknowledged (or silently) and given to a human. ignored: never to be answered
 * (the brand's own post, a bot). routed: arrived in a thread a person owns; their agent sees it.
 * no_reply: decided on purpose to need no person (a thanks, spam, noise); a thanks may get a courtesy reply.
 */
export type MentionStatus = 'received' | 'answered' | 'handed_off' | 'ignored' | 'routed' | 'no_reply';

/** A reply waiting in (or sent from) the outbox. */
export interface OutgoingReply {
  id: number;
  /** Stable per mention and part: the platform (or our own check) uses it to refuse a second copy. */
  idempotencyKey: string;
  mentionId: number | null;
  channel: string;
  threadId: string;
  /** The platform id of the post this replies to. */
  inReplyTo: string;
  /** Who is addressed (the mention's author). */
  recipient: string;
  text: string;
  /** answer / acknowledgement come from the bot; agent from a person. */
  kind: ReplyKind;
  attempts: number;
  replyContext?: Record<string, unknown>;
  /** When it was queued (ms epoch): the retries of a failing send end at this plus the retry horizon. */
  queuedAt?: number;
  /** When the mention it answers was received (ms epoch), as claimed from the outbox; absent for replies without a mention. */
  receivedAt?: number;
}

export type ReplyKind = 'answer' | 'acknowledgement' | 'courtesy' | 'agent';
