import { z } from 'zod';
import type { Mention, OutgoingReply } from '../../../store/mention.js';
import type { SendResult } from '../channel.js';
import { ItemCheck } from '../delivery-items.js';
import { CLOCK_SLACK_MS, sameWords, withoutControls } from '../plain-text.js';

/** A LinkedIn URN: `urn:li:<type>:<id>`, the id possibly a tuple `(urn:li:activity:1,2)`. */
const urn = z.string().regex(/^urn:li:[A-Za-z]{1,40}:[A-Za-z0-9_:(),.-]{1,400}$/, 'must be a LinkedIn URN');
const msTime = z.number().int().positive().max(1e14);

/** A comment as GET /rest/socialActions/{urn}/comments lists it, the fields we read. */
const comment = z.object({
  actor: urn,
  commentUrn: urn,
  object: urn,
  parentComment: urn.optional(),
  created: z.object({ time: msTime }),
  message: z.object({ text: z.string().max(10_000) }).optional(),
});
export type LinkedInComment = z.output<typeof comment>;

const page = z.object({ elements: z.array(z.unknown()).max(1000), paging: z.object({ total: z.number().optional() }).loose().optional() });
const post = z.object({ id: urn });

/** Where a reply to a LinkedIn comment goes: under the top-level comment, on its post. */
export interface LinkedInReplyContext extends Record<string, unknown> {
  object: string;
  parentComment: string;
}

/** The post URNs of a GET /rest/posts answer. */
export function postsOf(data: unknown, check: ItemCheck): string[] {
  const list = page.safeParse(data);
  if (!list.success) return [];
  return list.data.elements.flatMap((raw, index) => {
    const p = check.within(post, raw, `post ${index}`);
    return p ? [p.id] : [];
  });
}

/** A page of comments, each checked on its own; `full` when the page was as long as asked. */
export function commentsOf(data: unknown, check: ItemCheck, at: string): LinkedInComment[] {
  const list = page.safeParse(data);
  if (!list.success) {
    check.within(page, data, at);
    return [];
  }
  return list.data.elements.flatMap((raw, index) => {
    const c = check.parse(comment, raw, `${at}.${index}`);
    return c ? [c] : [];
  });
}

/** A member's top-level comment on one of the organization's posts, as a mention (the organization's own are not). */
export function mentionFromComment(c: LinkedInComment, organizationUrn: string): Mention | undefined {
  const text = c.message?.text;
  if (c.actor === organizationUrn || c.parentComment || !text?.trim()) return undefined;
  return {
    channel: 'linkedin',
    platformId: c.commentUrn,
    threadId: c.commentUrn,
    // LinkedIn gives the member's URN, not a name (reading names needs another product): replies say "there".
    author: c.actor,
    text: withoutControls(text),
    createdAt: new Date(c.created.time).toISOString(),
    permalink: `https://www.linkedin.com/feed/update/${c.object}?commentUrn=${encodeURIComponent(c.commentUrn)}`,
    replyContext: { object: c.object, parentComment: c.commentUrn } satisfies LinkedInReplyContext,
  };
}

/** Our reply, when the replies under its comment hold it: by the organization, same words, not before it was queued. */
export function findOwnLinkedInReply(
  data: unknown,
  reply: Pick<OutgoingReply, 'text' | 'queuedAt'>,
  organizationUrn: string,
): SendResult | undefined {
  const notBefore = (reply.queuedAt ?? 0) - CLOCK_SLACK_MS;
  const own = commentsOf(data, new ItemCheck(), 'replies').find(
    (c) => c.actor === organizationUrn && sameWords(c.message?.text ?? '', reply.text) && c.created.time >= notBefore,
  );
  return own ? { platformId: own.commentUrn } : undefined;
}

/** The comment a reply goes under, from its context (undefined without one). */
export function linkedinTarget(reply: OutgoingReply): LinkedInReplyContext | undefined {
  const ctx = reply.replyContext as Partial<LinkedInReplyContext> | undefined;
  const ok = (v: unknown): v is string => urn.safeParse(v).success;
  return ok(ctx?.object) && ok(ctx?.parentComment) ? { object: ctx.object, parentComment: ctx.parentComment } : undefined;
}
