import { beforeAll, describe, expect, it } from 'vitest';
import { entrySchema, type KnowledgeEntry } from '../../config/knowledge/schema.js';
import { createUnderstander } from '../../intents/create-understander.js';
import type { LocalUnderstander } from '../../intents/local-understander.js';
import { stderrLog } from '../../shared/log.js';

const entry = (e: Record<string, unknown>): KnowledgeEntry => entrySchema.parse({ kind: 'incident', reply: 'r', ...e });

const outage = entry({
  id: 'app-outage',
  title: 'App outage',
  keywords: ['outage'],
  examples: [
    'is the app down?',
    'the app will not load',
    'app keeps crashing today',
    'cannot open the app',
    'is there an outage right now',
  ],
});
const blackFriday = entry({
  id: 'black-friday',
  kind: 'campaign',
  title: 'Black Friday',
  keywords: ['black friday'],
  examples: ['when does the black friday sale start', 'are there black friday deals', 'what discounts do you have this week'],
});
const winterPromo = entry({
  id: 'winter-promo',
  kind: 'campaign',
  title: 'Expired promo',
  window: { start: '2025-01-01T00:00:00Z', end: '2025-02-01T00:00:00Z' },
  examples: ['how do I use the winter promo code', 'winter promo code is not working'],
});
const maintenance = entry({
  id: 'planned-maintenance',
  title: 'Planned maintenance',
  examples: ['is the app down?', 'app unavailable tonight', 'why is the app offline', 'the app will not load'],
});

describe('local understander (USE Lite)', () => {
  let u: LocalUnderstander;
  const at = new Date('2026-11-23T12:00:00Z');

  beforeAll(async () => {
    u = await createUnderstander({ cacheDir: false, log: stderrLog });
    await u.train([outage, blackFriday, winterPromo]);
  });

  it('answers a matching active incident with its entry and the scores behind it', async () => {
    const r = await u.understand({ text: '@brand is your app down again??', channel: 'x', at });
    expect(r).toMatchObject({ decision: 'answer', intent: 'app-outage', entryId: 'app-outage' });
    expect(r.confidence).toBeGreaterThanOrEqual(u.answerThreshold);
    expect(r.scores?.['answer.confidence']).toBe(r.confidence);
    expect(r.urgency).toContain('outage');
  });

  it('hands an out-of-scope question to a human', async () => {
    const r = await u.understand({ text: 'what is the capital of france', channel: 'x', at });
    expect(r.decision).toBe('handoff');
    expect(r.entryId).toBeUndefined();
    expect(r.scores?.['answer.confidence']).toBeLessThan(u.answerThreshold);
  });

  it('never answers with an entry outside its window', async () => {
    const r = await u.understand({ text: 'winter promo code is not working', channel: 'x', at });
    expect(r.decision).toBe('handoff');
    expect(r.entryId).not.toBe('winter-promo');
    // Inside its window the same mention is answered.
    const inWindow = await u.understand({ text: 'winter promo code is not working', channel: 'x', at: new Date('2025-01-15T00:00:00Z') });
    expect(inWindow.entryId).toBe('winter-promo');
  });

  it('retraining on a knowledge reload changes the answers', async () => {
    const before = await u.understand({ text: 'why is the app offline', channel: 'x', at });
    expect(before.entryId).toBe('app-outage');
    await u.train([blackFriday, maintenance]);
    const after = await u.understand({ text: 'why is the app offline', channel: 'x', at });
    expect(after.entryId).toBe('planned-maintenance');
    await u.train([outage, blackFriday, winterPromo]);
  });

  it('hands off mentions that look more like something no entry covers (background classes)', async () => {
    const parcels = entry({
      id: 'parcel-delays',
      title: 'Parcels late',
      keywords: ['parcel late'],
      examples: ['my parcel is two weeks late', "my package still hasn't arrived", 'the delivery is delayed again'],
    });
    await u.train([parcels, outage]);
    const [late, flight, thanks, battery] = await u.understandBatch([
      { text: '@brand my package still has not arrived, it is a week late', channel: 'x', at },
      { text: '@airline my flight was delayed again, three hours on the tarmac', channel: 'x', at },
      { text: '@brand got my parcel today, thanks a lot!', channel: 'x', at },
      { text: '@brand my phone battery drains so fast since the update', channel: 'x', at },
    ]);
    expect(late).toMatchObject({ decision: 'answer', entryId: 'parcel-delays' });
    for (const r of [flight, thanks, battery]) {
      expect(r!.decision).toBe('handoff');
      expect(r!.entryId).toBeUndefined();
    }
    await u.train([outage, blackFriday, winterPromo]);
  });

  it("never answers a mention that reads like one of the entry's negative examples", async () => {
    // From the parsed entry's own fields (a parsed entry also carries the per-language maps the file's schema adds).
    const { id, title, keywords, examples } = outage;
    const withNegatives = entry({
      id,
      title,
      keywords,
      examples,
      // Not "maintenance": a question about planned work is a shipped look-alike cue (lookalike-cues.ts).
      negative_examples: ['will the app be down during the upgrade work', 'the app is offline tonight for the upgrade'],
    });
    const mentions = [
      { text: '@brand is the app down for the upgrade tonight?', channel: 'x', at },
      { text: '@brand the app keeps crashing today, cannot open it', channel: 'x', at },
    ];
    // Without the negative example the upgrade question gets the outage answer...
    await u.train([outage, blackFriday]);
    expect((await u.understandBatch(mentions)).map((r) => r.decision)).toEqual(['answer', 'answer']);
    // ...with it, it goes to a person, and the outage itself is still answered.
    await u.train([withNegatives, blackFriday]);
    const [upgrade, crash] = await u.understandBatch(mentions);
    expect(upgrade!.decision).toBe('handoff');
    expect(crash).toMatchObject({ decision: 'answer', entryId: 'app-outage' });
    await u.train([outage, blackFriday, winterPromo]);
  });

  it('reads tone, complaint, urgency and routing topic', async () => {
    const [angry, happy, fire] = await u.understandBatch([
      { text: 'I want a refund for my broken blender, this is ridiculous and the worst service ever', channel: 'x', at },
      { text: 'thank you so much, you guys are amazing!', channel: 'x', at },
      { text: 'my charger caught fire and burnt my desk, I am calling my lawyer', channel: 'x', at },
    ]);
    expect(angry).toMatchObject({ decision: 'handoff', sentiment: 'negative', complaint: true, topic: 'refund', priority: 'normal' });
    expect(happy).toMatchObject({ sentiment: 'positive', complaint: false, topic: 'thanks', priority: 'low' });
    expect(fire!.urgency).toEqual(expect.arrayContaining(['safety', 'legal']));
    expect(fire!.priority).toBe('urgent');
  });

  it('reads shouted words for their meaning, and the tone as written', async () => {
    const text = '@brand IS YOUR APP DOWN AGAIN?? THIS IS RIDICULOUS';
    const [shouted, lowered, plain] = await u.understandBatch([
      { text, channel: 'x', at },
      { text: text.toLowerCase(), channel: 'x', at },
      { text, channel: 'x', at },
    ]);
    // The entry is read from the words, as if written in lower case.
    expect(shouted).toMatchObject({ decision: 'answer', entryId: 'app-outage' });
    expect(shouted!.scores?.['answer.confidence']).toBeCloseTo(lowered!.scores?.['answer.confidence'] ?? 0, 6);
    // The tone from the text as the customer wrote it: the same in a batch and alone.
    const alone = await u.understand({ text, channel: 'x', at });
    expect(alone.scores?.['sentiment.negative']).toBeCloseTo(plain!.scores?.['sentiment.negative'] ?? 0, 6);
    expect(shouted!.scores?.['sentiment.negative']).not.toBeCloseTo(lowered!.scores?.['sentiment.negative'] ?? 0, 6);
  });
});
