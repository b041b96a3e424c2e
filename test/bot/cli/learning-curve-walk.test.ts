import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { thirds, walkMentions, withExamples, type WalkMention } from '../../../bot/cli/learning-curve-walk.js';

const KNOWLEDGE = parseKnowledge(`
version: 1
acknowledgement: Hi {{author}}, a person will reply.
entries:
  - id: kettle-recall
    kind: incident
    title: Kettle recall
    keywords: [kettle recall]
    examples:
      - is my kettle part of the recall
      - kettle recall details
      - which kettles are recalled
    reply: Hi {{author}}, see our recall page.
`);

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const mention = (text: string, label: string, minute: number): WalkMention => ({ text, label, author: '@c', at: at(minute), earlier: [] });

// The same new phrasing three times: handed off until a publish takes the agent's answer as an example.
const MENTIONS = [
  mention('@acme my kettle sparks when I switch it on', 'kettle-recall', 1),
  mention('@acme where is my refund', 'handoff', 2),
  mention('@acme my kettle sparks when I switch it on', 'kettle-recall', 3),
  mention('@acme my kettle sparks when I switch it on', 'kettle-recall', 4),
];
const options = { channel: 'x', brandHandle: '@acme', noReply: false, every: 2 };

describe('the learning walk', () => {
  it('without learning hands the new phrasing off every time', async () => {
    const walk = await walkMentions(createKeywordUnderstander(), KNOWLEDGE, MENTIONS, { ...options, learn: false });
    expect(walk.scored.map((s) => s.decision)).toEqual(['handoff', 'handoff', 'handoff', 'handoff']);
    expect(walk).toMatchObject({ learned: 0, publishes: 0 });
  });

  it("with learning answers it once a publish took the agent's answer, and never before", async () => {
    const walk = await walkMentions(createKeywordUnderstander(), KNOWLEDGE, MENTIONS, { ...options, learn: true });
    // Learned at mention 1, published after mention 2: mention 3 on is answered with the entry.
    expect(walk.scored.map((s) => `${s.decision}:${s.entryId ?? ''}`)).toEqual([
      'handoff:',
      'handoff:',
      'answer:kettle-recall',
      'answer:kettle-recall',
    ]);
    expect(walk).toMatchObject({ learned: 1, publishes: 1 });
  });

  it("learns from the other split's mentions walked with --stream, scoring only its own, each detailed once", async () => {
    const stream = MENTIONS.map((m, i) => (i < 2 ? { ...m, scored: false } : m));
    const details: number[] = [];
    const walk = await walkMentions(createKeywordUnderstander(), KNOWLEDGE, stream, {
      ...options,
      learn: true,
      onDetail: (d) => details.push(d.index),
    });
    // The first two (the other split's) are walked and taught, not scored: the scored two are answered.
    expect(walk.scored.map((s) => `${s.decision}:${s.entryId ?? ''}`)).toEqual(['answer:kettle-recall', 'answer:kettle-recall']);
    expect(walk).toMatchObject({ learned: 1, publishes: 1 });
    expect(details).toEqual([0, 1]);
  });

  it('learns nothing from a follow-up in a thread, as the service does', async () => {
    const followUps = MENTIONS.map((m) => (m.label === 'handoff' ? m : { ...m, earlier: ['@acme hello?'] }));
    const walk = await walkMentions(createKeywordUnderstander(), KNOWLEDGE, followUps, { ...options, learn: true });
    expect(walk.scored.map((s) => s.decision)).toEqual(['handoff', 'handoff', 'handoff', 'handoff']);
    expect(walk.learned).toBe(0);
  });

  it("learns no example from a mention in another language than the file's, as the service does", async () => {
    const dutch = '@acme mijn waterkoker geeft vonken als ik hem aanzet, wat moet ik nu doen met die terugroepactie';
    const mentions = MENTIONS.map((m) => (m.label === 'handoff' ? m : { ...m, text: dutch }));
    const walk = await walkMentions(createKeywordUnderstander(), KNOWLEDGE, mentions, { ...options, learn: true });
    expect(walk.scored.map((s) => s.decision)).toEqual(['handoff', 'handoff', 'handoff', 'handoff']);
    expect(walk.learned).toBe(0);
  });

  it('accepts no candidate the review warns about (candidate-check.ts): a vague one is never taught', async () => {
    // "so why is this happening" teaches nothing of the kettle: accepted, it would draw every
    // mention of that shape to the recall's reply.
    const vague = MENTIONS.map((m) => (m.label === 'handoff' ? m : { ...m, text: '@acme so why is this happening?!' }));
    const walk = await walkMentions(createKeywordUnderstander(), KNOWLEDGE, vague, { ...options, learn: true });
    expect(walk).toMatchObject({ learned: 0, publishes: 0 });
    expect(walk.knowledge.entries[0]!.examples).toEqual(KNOWLEDGE.entries[0]!.examples);
  });

  it('adds each accepted text once, leaving the knowledge it was given as it was', () => {
    const k = withExamples(KNOWLEDGE, [
      { entryId: 'kettle-recall', text: 'my kettle sparks' },
      { entryId: 'kettle-recall', text: 'my kettle sparks' },
      { entryId: 'kettle-recall', text: 'kettle recall details' },
    ]);
    expect(k.entries[0]!.examples).toEqual([...KNOWLEDGE.entries[0]!.examples, 'my kettle sparks']);
    expect(KNOWLEDGE.entries[0]!.examples).toHaveLength(3);
  });

  it('splits a walk into its first and last third', () => {
    expect(thirds([1, 2, 3, 4, 5, 6, 7])).toEqual({ first: [1, 2], last: [6, 7] });
  });
});
