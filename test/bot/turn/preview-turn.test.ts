import { describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { previewMention } from '../../../bot/turn/preview-turn.js';

const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will answer you here.
entries:
  - id: parcel-delays
    kind: incident
    title: Parcels late
    keywords: [parcel late, parcel is late]
    reply: Hi {{author}}, parcels are running late.
  - id: refund-times
    kind: incident
    title: Refunds take a week
    keywords: [refund time]
    reply: Hi {{author}}, refunds take up to a week.
`);

describe('previews of a mention in a thread (replay, the learning curve)', () => {
  const options = { channel: 'x', brandHandles: ['@acme'] };
  const at = new Date('2026-11-23T10:00:00Z');
  // Bob's parcel question was answered; Ann then asks her own question, with "still" in it.
  const text = '@acme refund time still unclear to me';

  it("reads another customer's earlier post as theirs: Ann's own question is answered", async () => {
    const understander = createKeywordUnderstander();
    await understander.train(knowledge.entries);
    const d = await previewMention(
      understander,
      knowledge,
      { text, at, author: '@ann', earlier: [{ text: '@acme my parcel is late', author: '@bob' }] },
      options,
    );
    expect(d).toMatchObject({ status: 'answered', entryId: 'refund-times' });
  });

  it("takes a post given as text alone for the author's own: after her answered post, a 'still' goes to a person", async () => {
    const understander = createKeywordUnderstander();
    await understander.train(knowledge.entries);
    const d = await previewMention(understander, knowledge, { text, at, author: '@ann', earlier: ['@acme my parcel is late'] }, options);
    expect(d).toMatchObject({ status: 'handed_off', reason: 'follow_up', followUp: { entryId: 'parcel-delays' } });
  });
});
