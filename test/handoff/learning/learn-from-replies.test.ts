import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import type { LiveKnowledge } from '../../../config/knowledge/live-knowledge.js';
import { learnFromReplies } from '../../../handoff/learning/learn-from-replies.js';
import type { HandoffStore, ThreadTranscript } from '../../../store/handoff-store.js';
import type { LearnedExamples, NewCandidate } from '../../../store/learned-examples.js';

const knowledge = parseKnowledge(`version: 1
languages: [en, nl]
acknowledgement: { en: "Hi {{author}}, a person will reply.", nl: "Hoi {{author}}, een medewerker antwoordt." }
entries:
  - id: kettle-recall
    kind: incident
    title: Kettle recall
    keywords: [kettle recall]
    examples: [is my kettle part of the recall, kettle recall details, which kettles are recalled]
    reply: Hi {{author}}, see our recall page.
`);

/** One thread with one customer mention, read by the turn in `language`. */
function learner(language: string | undefined) {
  const recorded: NewCandidate[] = [];
  const transcript: ThreadTranscript = {
    mentions: [
      {
        id: 7,
        channel: 'x',
        platformId: 'p7',
        threadId: 't1',
        author: '@ann',
        text: '@acme my kettle sparks when I switch it on',
        createdAt: '2026-01-01T00:00:00Z',
        receivedAt: 0,
        deadlineAt: 0,
        status: 'handed_off',
        attempts: 1,
        decision: { reason: 'not_understood', ...(language ? { language } : {}) },
      },
    ],
    replies: [],
    events: [],
  };
  const learn = learnFromReplies({
    handoff: { transcript: async () => transcript } as unknown as HandoffStore,
    learned: {
      addCandidate: async (c: NewCandidate) => (recorded.push(c), { ...c, id: recorded.length, status: 'pending' as const }),
    } as unknown as LearnedExamples,
    knowledge: { current: () => knowledge } as unknown as LiveKnowledge,
    now: () => 1,
  });
  return { learn, recorded };
}

const ref = { channel: 'x', threadId: 't1' };

describe('candidates learned from an agent answering with an entry', () => {
  it("records a mention read in the file's default language, or in none the turn could tell, as an example", async () => {
    for (const language of ['en', undefined]) {
      const { learn, recorded } = learner(language);
      expect(await learn.record(ref, 'mia', 'kettle-recall', 'example')).toMatchObject({ text: 'my kettle sparks when I switch it on' });
      expect(recorded).toHaveLength(1);
    }
  });

  it("records no example from a mention read in another language (the entry's examples are the default language's)", async () => {
    const { learn, recorded } = learner('nl');
    expect(await learn.record(ref, 'mia', 'kettle-recall', 'example')).toBeUndefined();
    expect(recorded).toEqual([]);
  });

  it('still records a wrong mark in another language as a negative example (those hold in every language)', async () => {
    const { learn, recorded } = learner('nl');
    expect(await learn.record(ref, 'mia', 'kettle-recall', 'negative')).toMatchObject({ kind: 'negative' });
    expect(recorded).toHaveLength(1);
  });
});
