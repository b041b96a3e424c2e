import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import type { DecideDeps } from '../../../bot/turn/decide-turn.js';
import type { Mention } from '../../../store/mention.js';
import { decideDeps } from './decide-deps.js';

/** The no_reply tests' brand: one entry, a courtesy, no_reply decisions on, keyword understanding. */
export const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will answer you here.
courtesy: Glad we could help, {{author}}!
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late, parcel is late]
    examples: [my package still has not arrived]
    reply: Hi {{author}}, parcels are running late.
`);

export const mention = (text: string): Mention => ({
  channel: 'x',
  platformId: 'p9',
  threadId: 'p1',
  author: '@ann',
  text,
  createdAt: '2026-11-23T10:00:00Z',
});

export const deps = (): Promise<DecideDeps> => decideDeps(knowledge, { noReply: true });
