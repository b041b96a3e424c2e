import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeFile, parseKnowledge } from '../../config/knowledge/load-knowledge.js';
import { createUnderstander } from '../../intents/create-understander.js';
import type { LocalUnderstander } from '../../intents/local-understander.js';
import { stderrLog } from '../../shared/log.js';

const at = new Date('2026-11-25T12:00:00Z');

describe('issue 15 — topic and tone apart, look-alikes refused (USE Lite)', () => {
  let u: LocalUnderstander;

  beforeAll(async () => {
    u = await createUnderstander({ cacheDir: false, log: stderrLog });
  });

  it('finding 1: a built-in intent (outage, complaint) no longer shadows the entry the mention is about', async () => {
    const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will reply.
entries:
  - id: frozen-phone
    kind: incident
    title: Phones freezing after the update
    keywords: [phone frozen, phone freezes]
    examples:
      - my phone froze after the latest update
      - the screen is stuck and will not respond since I updated
      - phone keeps freezing on the home screen
      - how do I unfreeze my phone after the update
    reply: Hi {{author}}, hold power and volume down for 10 seconds to restart; a fix ships this week.
`);
    await u.train(knowledge.entries);
    const [angry, outage] = await u.understandBatch([
      { text: '@acme your phone keeps crashing since the update, unacceptable', channel: 'x', at },
      { text: '@acme is anyone else having problems? my phone freezes since the update', channel: 'x', at },
    ]);
    // Answered by the entry...
    expect(angry).toMatchObject({ decision: 'answer', entryId: 'frozen-phone' });
    expect(outage).toMatchObject({ decision: 'answer', entryId: 'frozen-phone' });
    // ...and still read as a complaint, with its built-in topic for priority and routing.
    expect(angry!.complaint).toBe(true);
    expect(angry!.topic).toBe('outage');
    expect(outage!.topic).toBe('outage');
  });

  it('finding 1: a mention about something else entirely is still handed off', async () => {
    const knowledge = await loadKnowledgeFile('config/knowledge.yaml');
    await u.train(knowledge.entries);
    const [flight, refund] = await u.understandBatch([
      { text: '@acme my flight was delayed three hours, this is unacceptable', channel: 'x', at },
      { text: '@acme I want a refund for my broken kettle', channel: 'x', at },
    ]);
    for (const r of [flight, refund]) {
      expect(r!.decision).toBe('handoff');
      expect(r!.entryId).toBeUndefined();
    }
  });

  it('finding 2: look-alikes of a late parcel do not get the parcel reply from the shipped example knowledge file', async () => {
    const knowledge = await loadKnowledgeFile('config/knowledge.yaml');
    await u.train(knowledge.entries);
    const lookalikes = [
      '@acme my parcel arrived but it is damaged',
      'my parcel arrived today, thanks for nothing',
      "Nope, I've got my package thanks",
      'what time do you stop delivering packages',
    ];
    const decided = await u.understandBatch(lookalikes.map((text) => ({ text, channel: 'x', at })));
    decided.forEach((r, i) => {
      expect(r.entryId, lookalikes[i]).toBeUndefined();
      expect(r.decision, lookalikes[i]).toBe('handoff');
    });
    // The late parcels themselves are still answered.
    const late = await u.understandBatch(
      [
        '@acme my parcel is two weeks late, this is unacceptable',
        '@acme my parcel still has not arrived',
        "@acme my package hasn't come yet, it was due monday",
      ].map((text) => ({ text, channel: 'x', at })),
    );
    for (const r of late) expect(r).toMatchObject({ decision: 'answer', entryId: 'parcel-delays' });
  });

  it("finding 2: the website down is not the app's outage in the shipped example knowledge file", async () => {
    const knowledge = await loadKnowledgeFile('config/knowledge.yaml');
    await u.train(knowledge.entries);
    const [website, both, app] = await u.understandBatch(
      ['@acme the website is down', "@acme can't log in on the website or the app", '@acme the app is down again'].map((text) => ({
        text,
        channel: 'x',
        at,
      })),
    );
    expect(website).toMatchObject({ decision: 'handoff', handoffReason: 'look_alike' });
    expect(website!.scores!['answer.lookalike.other_device']).toBe(1);
    expect(both!.decision).toBe('handoff');
    expect(app).toMatchObject({ decision: 'answer', entryId: 'app-outage' });
  });

  it('finding 2: a negative example saying the matter is over does not take a mention saying it is still open', async () => {
    const knowledge = await loadKnowledgeFile('config/knowledge.yaml');
    await u.train(knowledge.entries);
    // "got my order at last, cheers" (a negative example of parcel-delays) is the nearest text to
    // both: only the one that says it came is refused.
    const [open, closed] = await u.understandBatch(
      ["@acme my order still hasn't arrived after 10 days", '@acme got my order at last after 10 days, cheers'].map((text) => ({
        text,
        channel: 'x',
        at,
      })),
    );
    expect(open).toMatchObject({ decision: 'answer', entryId: 'parcel-delays' });
    expect(closed).toMatchObject({ decision: 'handoff', closerThanEntry: 'not-parcel-delays' });
  });

  it('finding 2: chatter about a promotion is not given the answer to questions about it', async () => {
    const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will reply.
entries:
  - id: costume-deal
    kind: campaign
    title: Costume deal
    keywords: [costume deal, $3 burrito]
    examples:
      - do I need a costume to get the $3 burrito
      - is the costume deal on in every store
      - what time does the costume deal start
    reply: Hi {{author}}, come in costume on the 31st from 3pm and your burrito is $3.
`);
    await u.train(knowledge.entries);
    const [chatter, question] = await u.understandBatch([
      { text: '$3 burritos in costume tonight, best deal ever @acme', channel: 'x', at },
      { text: '@acme do I really need a full costume for the $3 burrito?', channel: 'x', at },
    ]);
    expect(chatter).toMatchObject({ decision: 'handoff', handoffReason: 'look_alike' });
    expect(question).toMatchObject({ decision: 'answer', entryId: 'costume-deal' });
  });

  it('finding 2: details sent in reply, asking nothing and reporting no problem, do not get an incident reply', async () => {
    const knowledge = parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will reply.
entries:
  - id: pixel-screen
    kind: incident
    title: App not filling the Pixel 2 screen
    examples:
      - the app does not fill the screen on my pixel 2
      - black bars around the app on the pixel 2
      - when will the app support the pixel 2 display
    reply: Hi {{author}}, an update for the Pixel 2 screen is on its way.
`);
    await u.train(knowledge.entries);
    const [details, problem] = await u.understandBatch([
      { text: '@acme Pixel 2 on Android 8.1, app version 8.4', channel: 'x', at },
      { text: "@acme the app still doesn't fill the screen on my pixel 2", channel: 'x', at },
    ]);
    expect(details!.entryId).toBeUndefined();
    expect(problem).toMatchObject({ decision: 'answer', entryId: 'pixel-screen' });
  });

  it("finding 2: a word only the entry's negative examples use keeps a look-alike from the entry's reply", async () => {
    const file = (negatives: string) =>
      parseKnowledge(`version: 1
acknowledgement: Hi {{author}}, a person will reply.
entries:
  - id: album-unavailable
    kind: incident
    title: Albums greyed out after a licensing change
    examples:
      - this album is not available any more
      - the songs of this album are greyed out
      - why can't I play this album, it says unavailable
${negatives}    reply: Hi {{author}}, some albums are unavailable for a few days while licences are renewed.
`);
    const mentions = [
      { text: "@acme why can't I play this podcast album, it says unavailable", channel: 'x', at },
      { text: '@acme this album says unavailable, I cannot play it', channel: 'x', at },
    ];
    await u.train(file('').entries);
    const [before] = await u.understandBatch(mentions);
    expect(before).toMatchObject({ decision: 'answer', entryId: 'album-unavailable' });
    await u.train(file('    negative_examples:\n      - my podcasts will not download\n').entries);
    const [podcast, album] = await u.understandBatch(mentions);
    expect(podcast).toMatchObject({ decision: 'handoff', handoffReason: 'look_alike' });
    expect(album).toMatchObject({ decision: 'answer', entryId: 'album-unavailable' });
  });

  /** Trains on one entry (YAML lines under `entries:`) and decides the texts, at `at` on x. */
  async function decideWith(entryYaml: string, texts: string[]) {
    await u.train(parseKnowledge(`version: 1\nacknowledgement: Hi {{author}}, a person will reply.\nentries:\n${entryYaml}`).entries);
    return u.understandBatch(texts.map((text) => ({ text, channel: 'x', at })));
  }

  it("finding 2: a device the entry never names is a look-alike; the entry's own devices are still answered", async () => {
    const [watch, android, iphone] = await decideWith(
      `  - id: battery-update
    kind: incident
    title: Battery draining since the phone update
    keywords: [battery drain, battery draining]
    examples:
      - since the update my iPhone battery drains really fast
      - my iPad battery runs down much quicker since the new software
      - the battery on my iphone is empty by lunch after updating
    reply: Hi {{author}}, after an update the battery can take a day or two to settle; see Settings > Battery.
`,
      [
        '@acme my Apple Watch battery drains really fast since the update',
        '@acme my Samsung battery drains really fast since the update',
        '@acme my iPhone battery drains so fast since I updated',
      ],
    );
    expect(watch).toMatchObject({ decision: 'handoff', handoffReason: 'look_alike' });
    expect(android).toMatchObject({ decision: 'handoff', handoffReason: 'look_alike' });
    expect(iphone).toMatchObject({ decision: 'answer', entryId: 'battery-update' });
  });

  it('finding 2: a customer who already tried the fix the reply gives is handed to a person', async () => {
    const [tried, fresh] = await decideWith(
      `  - id: ringer-buttons
    kind: incident
    title: Side buttons do not change ringer volume
    keywords: [ringer volume buttons, change ringer volume]
    examples:
      - the side buttons no longer change my ringer volume
      - since the update the buttons only change media volume
      - how do I turn the ringer up with the side buttons
    reply: Hi {{author}}, turn on Settings > Sounds > Change with Buttons and the side buttons set the ringer again.
`,
      [
        '@acme the ringer setting to change with buttons is already on and the side buttons still only change media volume',
        '@acme since the update my side buttons no longer change the ringer volume',
      ],
    );
    expect(tried).toMatchObject({ decision: 'handoff', handoffReason: 'look_alike' });
    expect(fresh).toMatchObject({ decision: 'answer', entryId: 'ringer-buttons' });
  });

  it('finding 2: a device name alone in common with the entry is no evidence that the mention asks what it answers', async () => {
    const [price, preorder] = await decideWith(
      `  - id: phone-preorder
    kind: campaign
    title: New phone pre-orders and the launch
    keywords: [iphone x, iphone x preorder]
    examples:
      - when will my iPhone X pre-order ship
      - no shipping label yet for my iPhone X, will it come on launch day
      - is it too late to pre-order the iPhone X with you
      - how do I order the iPhone X online
    reply: Hi {{author}}, the phone launches Friday and pre-orders ship in the order they were placed.
`,
      ['@acme why is the iPhone X down payment so high', '@acme when does my iPhone X pre-order ship?'],
    );
    expect(price).toMatchObject({ decision: 'handoff' });
    expect(preorder).toMatchObject({ decision: 'answer', entryId: 'phone-preorder' });
  });
});
