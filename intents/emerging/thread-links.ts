/**
 * Who a mention points at besides the words: the post it answers, and the customers it names. A
 * pile-on under someone's complaint names that customer ("@ann same here") even when each reply
 * answers a different post of the brand's in that customer's thread.
 */
export interface ThreadLinks {
  /** The post it answers, when the platform says. */
  replyTo?: string;
  /** The handles it names, lower case without the @ (the brand's never author a handed-off mention). */
  named: string[];
}

const HANDLE = /@([\w.]{1,50})/g;

/** A customer's key in a group's context: the same whether read from an author field or a handle in a text. */
export const authorKey = (author: string): string => `by:${author.replace(/^@/, '').toLowerCase()}`;

export function threadLinks(text: string, author: string, replyTo?: string): ThreadLinks {
  const self = authorKey(author);
  // A sentence's full stop after a handle is not part of it ("thanks @ann.").
  const named = [...new Set([...text.slice(0, 2000).matchAll(HANDLE)].map((m) => authorKey(m[1]!.replace(/\.+$/, ''))))].filter(
    (k) => k !== self,
  );
  return { ...(replyTo !== undefined ? { replyTo } : {}), named };
}

/**
 * Whether a mention answers a post the group holds or shares, or names one of the group's customers.
 * A customer's own next post is no link: their follow-ups (device, version, "tried that") chained
 * every update complaint of an evening into one group.
 */
export function linksInto(links: ThreadLinks, context: ReadonlyMap<string, number>): boolean {
  if (links.replyTo !== undefined && context.has(links.replyTo)) return true;
  return links.named.some((k) => context.has(k));
}

/** Whether two mentions share a thread: the same post answered, one answering the other, or one naming the other's author. */
export function linkedPair(
  a: { key: string; author: string; links: ThreadLinks },
  b: { key: string; author: string; links: ThreadLinks },
): boolean {
  const ar = a.links.replyTo;
  const br = b.links.replyTo;
  if (ar !== undefined && (ar === br || ar === b.key)) return true;
  if (br !== undefined && br === a.key) return true;
  return a.links.named.includes(authorKey(b.author)) || b.links.named.includes(authorKey(a.author));
}
