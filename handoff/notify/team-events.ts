/**
 * What the team is told, and the neutral message each event becomes (title, facts, the customer's
 * words, a link). The Slack and Teams payloads render that message; every value in it except the
 * title and labels is untrusted text that they escape.
 */

interface ThreadFacts {
  channel: string;
  threadKey: string;
  author: string;
  /** The customer's latest words. */
  text: string;
}

export type TeamEvent =
  | ({ type: 'handoff'; priority: number | string; reason: string } & ThreadFacts)
  | ({ type: 'sla_warning'; remainingMs: number } & ThreadFacts)
  | ({ type: 'sla_breached'; overdueMs?: number } & ThreadFacts)
  /** The customer wrote again and nobody answered within the next-reply target. */
  | ({ type: 'next_reply_breached'; overdueMs: number } & ThreadFacts)
  /** A reply was given up for good; `handedOff`: the thread went from the bot to the queue because of it. */
  | ({ type: 'reply_failed'; reason: string; handedOff: boolean } & ThreadFacts)
  /**
   * Several replies on one channel given up within a short window (reply-failure-digest.ts): how many,
   * how many threads went to a person, the reason most share, and the first few threads.
   */
  | {
      type: 'replies_failed';
      channel: string;
      count: number;
      handedOff: number;
      reason: string;
      otherReasons: number;
      threads: { threadKey: string; author: string }[];
    }
  | { type: 'knowledge_rejected'; file: string; line: number; column: number; message: string }
  /** Alike handed-off mentions from several customers that no entry answers (issue 19): samples stripped of personal data. */
  | { type: 'emerging_incident'; size: number; authors: number; words: string[]; samples: string[]; draftId: string };

export interface TeamMessage {
  title: string;
  /** One line for notifications and previews (untrusted). */
  summary: string;
  facts: { label: string; value: string }[];
  /** The customer's words or the error, shown as a block (untrusted). */
  quote?: string;
  link?: { label: string; url: string };
  /** More links after `link` (the threads of a grouped notice). */
  moreLinks?: { label: string; url: string }[];
}

/** "45 min", "2 h 5 min", "1 d 3 h" — business time left or past. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return hours % 24 ? `${Math.floor(hours / 24)} d ${hours % 24} h` : `${Math.floor(hours / 24)} d`;
}

/** consoleUrl may hold `{threadKey}` (e.g. `https://reply.example.com/console/#/threads/{threadKey}`); else it links the console itself. */
export function threadLink(consoleUrl: string | undefined, threadKey: string): TeamMessage['link'] {
  if (!consoleUrl) return undefined;
  return { label: 'Open in the console', url: consoleUrl.replaceAll('{threadKey}', encodeURIComponent(threadKey)) };
}

export function teamMessage(event: TeamEvent, consoleUrl?: string): TeamMessage {
  switch (event.type) {
    case 'handoff':
      return {
        title: 'New handoff: a customer waits for a person',
        summary: `${event.author} on ${event.channel}`,
        facts: [
          { label: 'Channel', value: event.channel },
          { label: 'Author', value: event.author },
          { label: 'Priority', value: String(event.priority) },
          { label: 'Reason', value: event.reason },
        ],
        quote: event.text,
        link: threadLink(consoleUrl, event.threadKey),
      };
    case 'sla_warning':
      return {
        title: `Response target close: ${formatDuration(event.remainingMs)} left`,
        summary: `${event.author} on ${event.channel} still waits for a person`,
        facts: [
          { label: 'Channel', value: event.channel },
          { label: 'Author', value: event.author },
          { label: 'Time left', value: formatDuration(event.remainingMs) },
        ],
        quote: event.text,
        link: threadLink(consoleUrl, event.threadKey),
      };
    case 'sla_breached':
      return {
        title: 'Response target missed',
        summary: `${event.author} on ${event.channel} has waited past the target`,
        facts: [
          { label: 'Channel', value: event.channel },
          { label: 'Author', value: event.author },
          ...(event.overdueMs === undefined ? [] : [{ label: 'Late by', value: formatDuration(event.overdueMs) }]),
        ],
        quote: event.text,
        link: threadLink(consoleUrl, event.threadKey),
      };
    case 'next_reply_breached':
      return {
        title: 'Next-reply target missed',
        summary: `${event.author} on ${event.channel} wrote again and has waited past the target`,
        facts: [
          { label: 'Channel', value: event.channel },
          { label: 'Author', value: event.author },
          { label: 'Late by', value: formatDuration(event.overdueMs) },
        ],
        quote: event.text,
        link: threadLink(consoleUrl, event.threadKey),
      };
    case 'reply_failed':
      return {
        title: event.handedOff ? 'A reply could not be sent: the thread waits for a person' : 'A reply could not be sent',
        summary: `${event.author} on ${event.channel} was not answered`,
        facts: [
          { label: 'Channel', value: event.channel },
          { label: 'Author', value: event.author },
          { label: 'Reason', value: event.reason },
        ],
        quote: event.text,
        link: threadLink(consoleUrl, event.threadKey),
      };
    case 'replies_failed': {
      const links = event.threads.flatMap((t, i) => {
        const link = consoleUrl?.includes('{threadKey}') ? threadLink(consoleUrl, t.threadKey) : undefined;
        return link ? [{ label: `Thread ${i + 1}`, url: link.url }] : [];
      });
      const more = event.count - event.threads.length;
      return {
        title: `${event.count} replies on ${event.channel} could not be sent`,
        summary: `${event.count} replies on ${event.channel} could not be sent: ${event.reason}`,
        facts: [
          { label: 'Channel', value: event.channel },
          { label: 'Replies', value: String(event.count) },
          { label: 'Threads now waiting for a person', value: String(event.handedOff) },
          { label: 'Reason', value: event.otherReasons ? `${event.reason} (and ${event.otherReasons} other reasons)` : event.reason },
        ],
        quote: [
          ...event.threads.map((t, i) => `Thread ${i + 1}: ${t.author} (${t.threadKey})`),
          ...(more > 0 ? [`and ${more} more in the queue`] : []),
        ].join('\n'),
        ...(links.length > 0 ? { link: links[0], moreLinks: links.slice(1) } : { link: threadLink(consoleUrl, '') }),
      };
    }
    case 'knowledge_rejected':
      return {
        title: 'Knowledge file rejected: the previous version stays live',
        summary: `${event.file}:${event.line}:${event.column}`,
        facts: [
          { label: 'File', value: event.file },
          { label: 'Where', value: `line ${event.line}, column ${event.column}` },
        ],
        quote: event.message,
      };
    case 'emerging_incident':
      return {
        title: `Emerging incident: ${event.size} alike handoffs from ${event.authors} customers`,
        summary: `${event.size} handoffs about ${event.words.slice(0, 3).join(', ') || 'one issue'}`,
        facts: [
          { label: 'Mentions', value: String(event.size) },
          { label: 'Customers', value: String(event.authors) },
          { label: 'Words', value: event.words.join(', ') },
          { label: 'Drafted entry', value: event.draftId },
        ],
        quote: event.samples.map((t) => `• ${t}`).join('\n'),
        link: threadLink(consoleUrl, ''),
      };
  }
}
