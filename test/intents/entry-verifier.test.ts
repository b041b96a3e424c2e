import { describe, expect, it } from 'vitest';
import { entryProfiles, lookalikeReasons } from '../../intents/entry-verifier.js';
import type { IntentExamples } from '../../intents/intent-examples.js';
import { polarStems } from '../../intents/polar-stems.js';

const entry = {
  id: 'marked-delivered',
  examples: ['tracking says my order was delivered but nothing is at my door', 'my package shows as delivered yet I never got it'],
  keywords: ['says delivered'],
  negative_examples: [
    'my package was delivered but the box was damaged',
    'how do I return an item I received',
    'the driver threw my package over the fence',
  ],
} as unknown as IntentExamples;

const profiles = entryProfiles([entry], new Map());
const reasons = (text: string) => lookalikeReasons(profiles, entry.id, text, undefined);

describe('entry verifier: negative examples (issue 15)', () => {
  it('refuses a mention that reads like one of the entry negative examples', () => {
    expect(reasons('my package came and the box is damaged')).toContain('negative_words');
    expect(reasons('I want to return the item I received')).toContain('negative_words');
  });

  it('keeps a mention that shares one generic word with a negative example only', () => {
    // "item" alone comes from the return look-alike; the rest reads as the entry's own examples.
    expect(reasons('the item has not come but tracking says it was handed to me an hour ago, sort it out')).not.toContain('negative_words');
    expect(reasons('my order says delivered, where is it?')).toEqual([]);
    // "over" of "threw my package over the fence" is a function word, not what tells that look-alike apart.
    expect(reasons('tracking says it was handed over to me but nothing is at my door')).not.toContain('negative_words');
  });
});

describe('entry verifier: a negative example read with its negations', () => {
  const letter = {
    id: 'autocorrect-i',
    examples: ['every time I type the letter i it changes to an A and a box', 'please fix the I bug'],
    keywords: ['i turns into A'],
    negative_examples: ['the i fix worked, thanks for the quick update', "my podcasts won't download"],
  } as unknown as IntentExamples;
  const p = entryProfiles([letter], new Map());
  const why = (text: string) => lookalikeReasons(p, letter.id, text, undefined);

  it("a state the look-alike says plainly counts against a mention only said plainly: 'does not work' is the entry's problem", () => {
    expect(why('my I does not work, please fix this')).not.toContain('negative_words');
    expect(why("my I still doesn't work after the fix")).not.toContain('negative_words');
    expect(why('the fix worked for my I')).toContain('negative_words');
  });

  it('a word the look-alike negates names its problem, however the mention uses it', () => {
    expect(why('my downloaded songs turn every I into an A')).toContain('negative_words');
    expect(why("my podcasts won't download and the letter i is broken")).toContain('negative_words');
  });

  it('a negation reaches a few words of its own clause only', () => {
    expect(polarStems('my parcel has not arrived')).toEqual({ plain: new Set(['parcel']), negated: new Set(['arriv']) });
    expect(polarStems("it didn't work. it worked today").plain.has('work')).toBe(true);
    expect(polarStems("it didn't work. it worked today").negated.has('work')).toBe(true);
    expect(polarStems('not one of the five songs I saved plays').plain).toContain('plai');
  });
});

describe('entry verifier: models and shipped phrasings (issue 15)', () => {
  const launch = {
    id: 'iphone-x-launch',
    title: 'iPhone X pre-orders',
    examples: ['when can I pre-order the iPhone X', 'will there be iPhone X stock on launch day'],
    keywords: ['iphone x', 'iphone x preorder'],
    negative_examples: [],
    reply: 'iPhone X pre-orders open on October 27.',
  } as unknown as IntentExamples;
  const code = {
    id: 'sign-in-code',
    title: 'Two-step verification code not arriving',
    examples: ['the sign-in code never arrives on my phone', 'I cannot log in because the text code is not coming through'],
    keywords: ['verification code'],
    negative_examples: [],
    reply: 'Codes can take a few minutes; choose "Did not receive the code?" on the code page.',
  } as unknown as IntentExamples;
  const p = entryProfiles([launch, code], new Map());

  it('refuses a mention about another model of the line the entry names, keeps one about its own', () => {
    expect(lookalikeReasons(p, launch.id, 'does iOS 11 still support the iPhone 5?', undefined)).toContain('other_model');
    expect(lookalikeReasons(p, launch.id, 'when do iPhone X pre orders start?', undefined)).not.toContain('other_model');
    // An entry that names no model of the line says nothing against any.
    expect(lookalikeReasons(p, code.id, 'the code never arrives on my iPhone 7', undefined)).not.toContain('other_model');
  });

  it('refuses a mention that uses two telling words of one shipped phrasing the entry never uses', () => {
    // The built-in account phrasing "password reset email never arrives".
    expect(lookalikeReasons(p, code.id, 'I forgot my password and the reset email never arrives', undefined)).toContain(
      'other_topic_words',
    );
    // Its own words ("code", "arrives") and one stray shipped word are no reason.
    expect(lookalikeReasons(p, code.id, 'the code never arrives, I need to reset it', undefined)).not.toContain('other_topic_words');
  });

  it("refuses a mention that uses a word only one subject topic's phrasings use, when the entry never does", () => {
    // "return" is the built-in refund topic's own word; the launch entry never says it.
    expect(lookalikeReasons(p, launch.id, 'can I still return my iPhone X after 14 days', undefined)).toContain('other_topic_words');
    expect(lookalikeReasons(p, launch.id, 'can I still pre-order the iPhone X for launch day', undefined)).toEqual([]);
  });

  it('a keyword that only names a device is no keyword evidence', () => {
    expect(p.keywords.get(launch.id)).toEqual(['iphone x preorder']);
  });
});

describe('entry verifier: a keyword that names the symptom (issue 15)', () => {
  const letter = {
    id: 'autocorrect-i',
    title: 'Typing "i" turns into "A" with a symbol',
    examples: [
      'since updating my lowercase i keeps turning into a weird A symbol',
      'why does my keyboard replace i with A and a question mark',
      'the letter I is broken on my iPhone since the update',
    ],
    keywords: ['A with a question mark', 'i turns into A'],
    negative_examples: [],
    reply: 'An update will fix it; meanwhile set up a text replacement.',
  } as unknown as IntentExamples;
  const p = entryProfiles([letter], new Map());

  it('reads a mention naming the symptom in a keyword as a report, without a question or a problem word', () => {
    expect(lookalikeReasons(p, letter.id, 'since 11.1 when I type i it shows up as A with a question mark', undefined)).not.toContain(
      'asks_nothing',
    );
    // Details sent in reply still ask nothing and report nothing.
    expect(lookalikeReasons(p, letter.id, 'iPhone 7 on iOS 11.1, the letter i in Notes', undefined)).toContain('asks_nothing');
  });

  it('does not read a one-word keyword, which names only the subject, as the symptom', () => {
    const queso = {
      id: 'queso',
      examples: ['the queso is grainy and not very good', 'why is your queso so chalky', 'your queso is gritty and broken'],
      keywords: ['queso', 'queso grainy'],
      negative_examples: [],
      reply: 'Sorry our queso did not win you over.',
    } as unknown as IntentExamples;
    const q = entryProfiles([queso], new Map());
    expect(lookalikeReasons(q, queso.id, 'queso and chips tonight, life is good', undefined)).toContain('asks_nothing');
    expect(lookalikeReasons(q, queso.id, 'tonight the queso grainy again, as usual', undefined)).not.toContain('asks_nothing');
  });
});

describe('entry verifier: praise and planned work (issue 15, a brand never tuned on)', () => {
  const rights = {
    id: 'sports-rights',
    examples: ['the game is blacked out in my area', 'my evening program was replaced by the World Series'],
    keywords: ['blacked out', 'world series'],
    negative_examples: [],
    reply: 'Hi {{author}}, sorry for the frustration: which games air live is set by the rights deals.',
  } as unknown as IntentExamples;
  const outage = {
    id: 'outage',
    examples: ['my internet just went out, is there an outage', 'no internet and no TV tonight, what is going on'],
    keywords: ['outage', 'internet down'],
    negative_examples: [],
    reply: 'Techs are working on outages in several areas tonight.',
  } as unknown as IntentExamples;
  const p = entryProfiles([rights, outage], new Map());

  it('refuses praise that names an apologising entry’s keyword, and keeps its complaints and questions', () => {
    expect(lookalikeReasons(p, rights.id, 'loved watching the World Series in 4K', undefined, 0.9)).toContain('praise');
    // The tone model unsure, or the same words with a problem or a question: no praise.
    expect(lookalikeReasons(p, rights.id, 'loved watching the World Series in 4K', undefined, 0.5)).not.toContain('praise');
    expect(lookalikeReasons(p, rights.id, 'the World Series is blacked out here, not happy', undefined, 0.9)).not.toContain('praise');
    expect(lookalikeReasons(p, rights.id, 'great game, why is the World Series not on my channel?', undefined, 0.9)).not.toContain(
      'praise',
    );
  });

  it('reads a question about planned work as no report of the incident, unless the entry is about it', () => {
    expect(lookalikeReasons(p, outage.id, 'will there be an outage for maintenance tonight? I work from home', undefined)).toContain('cue');
    expect(lookalikeReasons(p, outage.id, 'is there an outage? my internet just went out', undefined)).toEqual([]);
    expect(lookalikeReasons(p, outage.id, 'is there a scheduled outage in my area tonight', undefined)).toContain('cue');
    // "planned" as a verb announces nothing (a Delta customer's Wi-Fi report was refused for it).
    expect(
      lookalikeReasons(p, outage.id, 'my internet went out and I could not get the work I planned on doing done', undefined),
    ).not.toContain('cue');
    const works = { ...outage, id: 'works', examples: ['is there scheduled maintenance on the network tonight'] } as IntentExamples;
    const q = entryProfiles([works], new Map());
    expect(lookalikeReasons(q, works.id, 'any maintenance planned in Boston this week?', undefined)).not.toContain('cue');
  });
});

describe('entry verifier: a return flight is no refund (issue 15, a brand never tuned on)', () => {
  it('reads "return flight" as a leg of a trip, and a return of goods still as the refund topic', () => {
    const bag = {
      id: 'damaged-bag',
      examples: ['my suitcase came off the belt with a broken wheel', 'my luggage was damaged, what do I do'],
      keywords: ['damaged bag', 'broken zipper'],
      negative_examples: [],
      reply: 'Sorry about your bag: file a Damaged Bag Report at the airport.',
    } as unknown as IntentExamples;
    const p = entryProfiles([bag], new Map());
    expect(lookalikeReasons(p, bag.id, 'the zipper was broken off on my return flight, is there help?', undefined)).not.toContain(
      'other_topic_words',
    );
    expect(lookalikeReasons(p, bag.id, 'my bag is damaged, can I return it for a refund?', undefined)).toContain('other_topic_words');
  });
});

describe('entry verifier: another name for what the entry names (issue 15, a brand never tuned on)', () => {
  const network = {
    id: 'pac12-network',
    title: 'Pac-12 Network is not part of the Fios TV lineup',
    examples: ['do you carry the Pac-12 Network', 'what channel is Pac 12 on Fios'],
    keywords: ['pac 12', 'pac-12'],
    negative_examples: [],
    reply: 'Sorry, the Pac-12 Network is not carried on Fios TV at the moment.',
  } as unknown as IntentExamples;
  const p = entryProfiles([network], new Map());
  const why = (text: string) => lookalikeReasons(p, network.id, text, undefined);

  it('refuses a mention naming another network, keeps its own and one that shares a name', () => {
    expect(why('is the SEC Network part of the Fios lineup?')).toContain('other_name');
    expect(why('is the Big Ten Network on Fios?')).toContain('other_name');
    expect(why('is the Pac-12 Network on Fios yet?')).not.toContain('other_name');
    // Its keyword names the subject, whatever else is named beside it.
    expect(why('why is pac 12 not on the Verizon Network?')).not.toContain('other_name');
    // "Fios lineup" shares a name with the entry's "Fios TV lineup"; lower case names nothing.
    expect(why('is it in the Fios lineup?')).not.toContain('other_name');
    expect(why('is the sports network in my package?')).not.toContain('other_name');
  });
});

describe('entry verifier: the subject every example names (issue 15, a blind batch)', () => {
  const shuffle = {
    id: 'shuffle-off',
    title: 'Shuffle switching itself off',
    examples: [
      'shuffle turns itself off after one song',
      'my playlists will not shuffle since the update',
      'I switch shuffle on and it is off again a track later',
    ],
    keywords: ['shuffle turns off', 'shuffle not working'],
    negative_examples: [],
    reply: 'Sorry! We know shuffle switches itself off on some phones and a fix is coming.',
  } as unknown as IntentExamples;
  const p = entryProfiles([shuffle], new Map());
  const why = (text: string) => lookalikeReasons(p, shuffle.id, text, undefined);

  it('refuses a mention about the same player that never names the subject', () => {
    expect(why('the play button is missing on one track of this album')).toContain('no_subject');
    expect(why('songs skip to the next one after a few seconds since the update')).toContain('no_subject');
    expect(why('shuffle keeps switching off on my phone')).not.toContain('no_subject');
    expect(why('why does my playlist stop shuffling?')).not.toContain('no_subject');
  });

  it('asks nothing of an entry whose texts share no word, or that has too few texts to tell', () => {
    const varied = entryProfiles([entry], new Map());
    expect(lookalikeReasons(varied, entry.id, 'where is my order? it says it arrived', undefined)).not.toContain('no_subject');
    const few = { ...shuffle, id: 'few', examples: ['shuffle is off'], keywords: ['shuffle broken'] } as unknown as IntentExamples;
    expect(lookalikeReasons(entryProfiles([few], new Map()), 'few', 'the play button is missing', undefined)).not.toContain('no_subject');
  });
});

describe('entry verifier: its problem denied, its reply quoted back (issue 15, a heckler and a bot)', () => {
  const late = {
    id: 'late',
    examples: ['my parcel is a week late', 'where is my package, it is late'],
    keywords: ['parcel late'],
    negative_examples: [],
    reply: 'Hi {{author}}, sorry your parcel is late. Our carrier is clearing a backlog and most parcels arrive within 3 working days.',
  } as unknown as IntentExamples;
  const p = entryProfiles([late], new Map());
  const why = (text: string) => lookalikeReasons(p, late.id, text, undefined);

  it('refuses a mention that denies the problem the entry answers, not one that tells it', () => {
    expect(why('my parcel is NOT late, stop telling everyone it is')).toContain('denied');
    expect(why("my parcel isn't late, I just want to change the address")).toContain('denied');
    expect(why('my parcel is late, not lost')).not.toContain('denied');
    expect(why('my parcel is late again')).not.toContain('denied');
  });

  it('refuses its own reply quoted back, in the open or in quotation marks, and keeps a question in words of its own', () => {
    expect(why('Hi @bob, sorry your parcel is late. Our carrier is clearing a backlog and most arrive soon')).toContain('quotes_reply');
    expect(why('"sorry your parcel is late" lol, you said that last week too')).toContain('quotes_reply');
    expect(why('is the carrier clearing a backlog? my parcel is late')).not.toContain('quotes_reply');
  });
});

describe("entry verifier: marketing's keyword against an unsure topic (issue 15, a new user's mention)", () => {
  const sale = {
    id: 'black-friday',
    title: 'Black Friday promotion',
    examples: ['is there a black friday discount', 'are your black friday deals live yet'],
    keywords: ['black friday', 'discount code'],
    negative_examples: [],
    reply: 'Black Friday prices apply at checkout, no code needed.',
  } as unknown as IntentExamples;
  const p = entryProfiles([sale], new Map([['black-friday', new Set(['delivery'])]]));

  it('a keyword of two words outweighs another topic the model is unsure of, not one it is sure of', () => {
    const text = 'your discount code BF20 is not working';
    expect(lookalikeReasons(p, sale.id, text, 'account', undefined, 0.69)).not.toContain('other_topic');
    expect(lookalikeReasons(p, sale.id, text, 'account', undefined, 0.95)).toContain('other_topic');
    // Without the keyword, the unsure topic still counts against the entry.
    expect(lookalikeReasons(p, sale.id, 'my code for the sale is not working', 'account', undefined, 0.69)).toContain('other_topic');
  });
});

describe("entry verifier: trying the entry's own action is its symptom, not a fix tried (issue 15, a new user's mention)", () => {
  const login = {
    id: 'app-outage',
    title: 'App login failures',
    examples: ['I cannot log in to the app', 'the app keeps crashing'],
    keywords: ['app down'],
    negative_examples: [],
    reply: 'We know about the login problem in the app.',
  } as unknown as IntentExamples;
  const p = entryProfiles([login], new Map());

  it('"tried logging in" is no cue; "tried reinstalling" still is', () => {
    expect(lookalikeReasons(p, login.id, 'Tried logging into the app for 20 min now. Nothing.', undefined)).not.toContain('cue');
    expect(lookalikeReasons(p, login.id, 'tried reinstalling the app, it still crashes', undefined)).toContain('cue');
  });
});

describe("entry verifier: a negative example's word the reply uses sets nothing apart (issue 15, a new user's mention)", () => {
  const sale = {
    id: 'black-friday',
    title: 'Black Friday promotion',
    examples: ['is there a black friday discount', 'are your black friday deals live yet'],
    keywords: ['black friday'],
    negative_examples: ['thanks, the discount worked at checkout', 'I bought in the sale and want to return it'],
    reply: 'Our Black Friday prices apply automatically at checkout, no code needed.',
  } as unknown as IntentExamples;
  const p = entryProfiles([sale], new Map());

  it('"checkout" is in the reply: no reason; "return" is not: a reason', () => {
    expect(lookalikeReasons(p, sale.id, 'will the Black Friday price show up in my basket or only at checkout?', undefined)).not.toContain(
      'negative_words',
    );
    expect(lookalikeReasons(p, sale.id, 'I bought a tv in the black friday sale, can I return it', undefined)).toContain('negative_words');
  });
});

describe("entry verifier: a campaign's keyword names the campaign, not a symptom (issue 15, a new user's mention)", () => {
  const sale = (kind: 'campaign' | 'incident') =>
    ({
      id: 'black-friday',
      kind,
      title: 'Black Friday promotion',
      examples: ['is there a black friday discount', 'my promo code does not work', 'when does the black friday sale start'],
      keywords: ['black friday'],
      negative_examples: [],
      reply: 'Black Friday prices apply at checkout, no code needed.',
    }) as unknown as IntentExamples;

  it("a remark that names the campaign and neither asks nor reports is not the campaign entry's", () => {
    const text = 'great black friday deals this year, grabbed a new kettle';
    expect(lookalikeReasons(entryProfiles([sale('campaign')], new Map()), 'black-friday', text, undefined)).toContain('asks_nothing');
    // For an incident, a keyword of two words names its symptom: a report.
    expect(lookalikeReasons(entryProfiles([sale('incident')], new Map()), 'black-friday', text, undefined)).not.toContain('asks_nothing');
    expect(
      lookalikeReasons(entryProfiles([sale('campaign')], new Map()), 'black-friday', 'is the black friday sale on yet?', undefined),
    ).not.toContain('asks_nothing');
  });
});

describe('entry verifier: asked to be called (issue 15)', () => {
  const late = {
    id: 'parcel-delays',
    title: 'Parcels late',
    examples: ['my parcel is two weeks late', 'my delivery is stuck and late'],
    keywords: ['parcel late'],
    negative_examples: [],
    reply: 'Sorry your parcel is late: most arrive within 3 working days.',
  } as unknown as IntentExamples;
  const p = entryProfiles([late], new Map());
  const why = (text: string) => lookalikeReasons(p, late.id, text, undefined);

  it('a customer asking to be called or written to wants a person, not the public reply', () => {
    expect(why('my delivery has been stuck for ages. Call me on 0161 496 0000')).toContain('wants_contact');
    expect(why('parcel late again, can someone give me a call?')).toContain('wants_contact');
    expect(why('parcel late again, give me a call')).toContain('wants_contact');
    expect(why('my parcel is late, email me when it ships')).toContain('wants_contact');
    // "Contact me if…" is an offer, not a request.
    expect(why('my parcel is late, no rush, contact me if you need the order number')).not.toContain('wants_contact');
  });
});

describe("entry verifier: the platform the brand's own app runs on (issue 15, a new user's mention)", () => {
  const app = {
    id: 'app-outage',
    title: 'App login failures',
    examples: ['I cannot log in to the app', 'the app keeps crashing'],
    keywords: ['app down'],
    negative_examples: [],
    reply: 'We know about the login problem in the app.',
  } as unknown as IntentExamples;
  const p = entryProfiles([app], new Map());

  it('"the android app" is the app; an Android phone with no app named is another device', () => {
    expect(lookalikeReasons(p, app.id, 'android app login failing for me, is there an outage?', undefined)).not.toContain('other_device');
    expect(lookalikeReasons(p, app.id, "I can't get into my account on the iPhone app", undefined)).not.toContain('other_device');
    expect(lookalikeReasons(p, app.id, 'my android phone keeps crashing', undefined)).toContain('other_device');
  });
});
