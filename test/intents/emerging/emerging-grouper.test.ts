import { describe, expect, it } from 'vitest';
import { cleanExample } from '../../../intents/emerging/clean-example.js';
import { contentWords } from '../../../intents/emerging/mention-terms.js';
import { createEmergingGrouper, type EmergingMention } from '../../../intents/emerging/emerging-grouper.js';
import { newGroup } from '../../../intents/emerging/emerging-group.js';
import { mergeThreshold } from '../../../intents/emerging/raised-pull.js';
import { threadLinks } from '../../../intents/emerging/thread-links.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');

const WAVE = [
  '@acme the app will not load my playlists since this morning',
  '@acme playlists not loading in the app at all',
  '@acme is the app down? my playlists will not load',
  '@acme cannot load playlists, app just spins',
  '@acme app stuck loading playlists on iphone',
  '@acme my playlists are not loading on android either',
  '@acme playlists keep loading forever in the app',
  '@acme the app does not load any playlist right now',
  '@acme still cannot load my playlists, app broken',
];
const UNRELATED = [
  '@acme how do I change the email on my account',
  '@acme I was charged twice for my family plan this month',
  '@acme can you add a sleep timer to the desktop version',
  '@acme my student discount expired, how do I renew it',
  '@acme the lyrics are out of sync on one song',
  '@acme please bring back the old shuffle button',
];

const mention = (
  i: number,
  text: string,
  minutes: number,
  author = `@user${i}`,
  extra: Partial<EmergingMention> = {},
): EmergingMention => ({
  key: `m${i}`,
  at: T0 + minutes * MIN,
  author,
  text,
  ...extra,
});

describe('emerging incidents: grouping handed-off mentions as they come', () => {
  it('raises a wave of one issue once, with its words, samples and a drafted entry, and keeps other topics out', () => {
    const g = createEmergingGrouper({ minSize: 8, minAuthors: 5 });
    const raised = [];
    let i = 0;
    for (const [k, text] of WAVE.entries()) {
      const r = g.add(mention(i++, text, k * 3));
      if (r.raised) raised.push(r.raised);
      if (k < UNRELATED.length) g.add(mention(i++, UNRELATED[k]!, k * 3 + 1));
    }
    expect(raised).toHaveLength(1);
    const group = raised[0]!;
    expect(group.size).toBe(8);
    expect(group.authors).toBe(8);
    expect(group.words).toContain('playlists');
    expect(group.samples).toHaveLength(5);
    for (const s of group.samples) expect(s).not.toMatch(/@acme/);
    expect(group.draft.kind).toBe('incident');
    expect(group.draft.reply).toBe('');
    expect(group.draft.examples.length).toBeGreaterThanOrEqual(5);
    expect(group.draft.keywords).toContain('playlists');
    // Every wave mention ends in the raised group (the ninth joins after the raise), no other topic does.
    const inRaised = [...Array(i).keys()].filter((k) => g.groupOf(`m${k}`) === group.groupId).length;
    expect(inRaised).toBe(WAVE.length);
    expect(g.describe(group.groupId)!.size).toBe(WAVE.length);
  });

  it('describes a raised group as it was at its largest, after its members left the window', () => {
    const wave = () => {
      const g = createEmergingGrouper({ minSize: 8, minAuthors: 5, windowMs: 60 * MIN });
      WAVE.forEach((text, k) => g.add(mention(k, text, k * 2)));
      return g;
    };
    const g = wave();
    const group = g.raisedIds()[0]!;
    // The same wave, described at once at its peak.
    const twin = wave();
    const atPeak = twin.describe(twin.raisedIds()[0]!)!;
    expect(atPeak.words).toContain('playlists');
    // Other mentions change the window's word counts after the peak, some with the wave's words.
    const others = [...UNRELATED, '@acme the app logs me out of my account', '@acme my playlists sync is slow on the desktop'];
    others.forEach((text, k) => g.add(mention(50 + k, text, 20 + k)));
    expect(g.counts(group)).toEqual({ size: WAVE.length, authors: WAVE.length });
    // Hours later the whole wave has left the window: it is told as it was at its peak.
    g.add(mention(100, UNRELATED[0]!, 300));
    const later = g.describe(group)!;
    expect(later).toEqual(atPeak);
    expect(later.samples).toHaveLength(5);
    expect(g.counts(group)).toEqual({ size: WAVE.length, authors: WAVE.length });
  });

  it('does not raise a group from too few distinct authors', () => {
    const g = createEmergingGrouper({ minSize: 8, minAuthors: 5 });
    const raised = WAVE.map((text, k) => g.add(mention(k, text, k, `@same${k % 3}`)).raised).filter(Boolean);
    expect(raised).toHaveLength(0);
  });

  it('does not raise a slow trickle that never fills the window', () => {
    const g = createEmergingGrouper({ minSize: 8, minAuthors: 5, windowMs: 60 * MIN });
    const raised = WAVE.map((text, k) => g.add(mention(k, text, k * 25)).raised).filter(Boolean);
    expect(raised).toHaveLength(0);
    // The same nine mentions in one window (--window 0) are a wave.
    const all = createEmergingGrouper({ minSize: 8, minAuthors: 5, windowMs: Number.POSITIVE_INFINITY });
    expect(WAVE.map((text, k) => all.add(mention(k, text, k * 25)).raised).filter(Boolean)).toHaveLength(1);
  });

  it('puts short pile-on replies under one post together, and not the same words under another post later', () => {
    const g = createEmergingGrouper({ minSize: 8, minAuthors: 5 });
    const first = g.add(mention(0, '@acme checkout fails with error 503 when I pay by card', 0, '@ann', { replyTo: 'brand-post-1' }));
    const pile = [
      'same problem here',
      'same issue for me',
      'having the same problem',
      'same problem with checkout',
      'card payment fails for me too',
      'same error 503',
      'same here, error at checkout',
    ];
    const ids = pile.map((text, k) => g.add(mention(k + 1, `@acme @ann ${text}`, k + 1, `@p${k}`, { replyTo: 'brand-post-1' })).groupId);
    // The bare "same ..." replies meet each other; those naming the issue (card, 503) meet the post that named it.
    const final = ids.map((_, k) => g.groupOf(`m${k + 1}`));
    expect(new Set(final.slice(0, 3)).size).toBe(1);
    expect(final[4]).toBe(g.groupOf('m0'));
    expect(final[5]).toBe(g.groupOf('m0'));
    expect(new Set([...final, g.groupOf('m0')]).size).toBeLessThanOrEqual(2);
    expect(first.groupId).toBeGreaterThan(0);
    // The same words under another post, an hour later in another thread, start their own group.
    const later = g.add(mention(99, '@acme @bob same problem here', 200, '@zed', { replyTo: 'other-post' }));
    expect(later.groupId).not.toBe(final[0]);
  });
});

describe('emerging incidents: one incident piling on under several posts', () => {
  it("joins replies naming the customer who reported it, under another of the brand's posts in that thread", () => {
    const pile = ['same here, checkout broken', 'checkout is broken for me too', 'my card gets refused as well', 'same thing, it fails'];
    const run = (named: string) => {
      const g = createEmergingGrouper({ minSize: 8, minAuthors: 5 });
      g.add(mention(0, '@acme checkout fails with error 503 when I pay by card', 0, '@ann', { replyTo: 'brand-post-1' }));
      // The brand answered Ann again; customers pile on under that second answer.
      for (const [k, text] of pile.entries()) g.add(mention(k + 1, `@acme ${named} ${text}`, k + 1, `@p${k}`, { replyTo: 'brand-post-2' }));
      return pile.map((_, k) => g.groupOf(`m${k + 1}`) === g.groupOf('m0'));
    };
    // Naming her, every reply joins her group; the same words naming someone no group holds do not all.
    expect(run('@ann')).toEqual(pile.map(() => true));
    expect(run('@cat')).toContain(false);
  });

  it('reads the customers a mention names: lower case, without a closing full stop, never its own author', () => {
    expect(threadLinks('@Acme @Ann same here, thanks @bob.smith. and @ME', '@me', 'p1')).toEqual({
      replyTo: 'p1',
      named: ['by:acme', 'by:ann', 'by:bob.smith'],
    });
  });

  it('eases the merge into a raised group only for a forming group, not for a straggler or two', () => {
    const raised = { ...newGroup(1), raisedAt: 0 };
    const forming = newGroup(2);
    const straggler = newGroup(3);
    const member = { key: 'k', at: 0, author: 'a', text: '' } as never;
    forming.members = [member, member, member, member];
    straggler.members = [member];
    expect(mergeThreshold(raised, forming, 0.45, 0.1, 8)).toBeCloseTo(0.35);
    expect(mergeThreshold(forming, raised, 0.45, 0.1, 8)).toBeCloseTo(0.35);
    expect(mergeThreshold(raised, straggler, 0.45, 0.1, 8)).toBe(0.45);
    expect(mergeThreshold(forming, straggler, 0.45, 0.1, 8)).toBe(0.45);
  });
});

describe('cleaning a customer text into an example', () => {
  it('takes out handles, links, e-mail addresses, phone numbers and invisible characters', () => {
    const text =
      '@acme @ann.b hi\u200b my app crashes, see https://t.co/abc123 mail me at ann@example.com or call +44 20 7946 0958 \u202eorder 12';
    expect(cleanExample(text)).toBe('hi my app crashes, see mail me at or call order 12');
  });
  it('keeps short numbers that are part of the issue', () => {
    expect(cleanExample('@acme version 8.4.28 keeps crashing on iOS 11')).toBe('version 8.4.28 keeps crashing on iOS 11');
  });
});

describe('the words a mention is grouped by', () => {
  it('keeps hashtags, prices, error codes and versions, and drops handles, links and long numbers', () => {
    const words = contentWords('@acme #SpotifyDown $3 deal gone? error 503 on iOS 11.1, order 123456789 https://t.co/x I am so upset');
    expect(words).toEqual(['spotifydown', '$3', 'deal', 'gone', 'error', '503', 'ios', '11_1', 'order', 'upset']);
  });
});
