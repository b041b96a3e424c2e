import { describe, expect, it } from 'vitest';
import { entryProfiles, lookalikeReasons } from '../../intents/entry-verifier.js';
import type { IntentExamples } from '../../intents/intent-examples.js';
import { askedActions, blockedActions, doneActions, problemKinds } from '../../intents/problem-cues.js';

describe('problem cues (issue 15 finding 2)', () => {
  it('names the kind of problem a text reports, unless it is negated', () => {
    expect(problemKinds('a song is credited to the wrong artist')).toEqual(new Set(['wrong']));
    expect(problemKinds('the lock screen controls disappeared')).toEqual(new Set(['missing']));
    expect(problemKinds("my parcel isn't late, I just want to know")).toEqual(new Set());
    // An error message names no kind of problem.
    expect(problemKinds('the app says "something went wrong" every time I log in')).toEqual(new Set());
    // Words that only say something is wrong name no kind: they fit any entry's problem.
    expect(problemKinds('shuffle is broken, not working, same issue')).toEqual(new Set());
    // Something that never arrived is missing, in words of its arrival.
    expect(problemKinds('my order never came')).toEqual(new Set(['missing']));
    expect(problemKinds("the replacement hasn't arrived")).toEqual(new Set(['missing']));
    expect(problemKinds('it arrived this morning')).toEqual(new Set());
  });

  it('refuses a late-parcel reply to a customer who cancelled or returned, unless the entry is about that', () => {
    const late = {
      id: 'late',
      examples: ['my parcel is a week late', 'where is my package, it was due monday'],
      keywords: ['parcel late'],
      negative_examples: [],
    } as unknown as IntentExamples;
    const returns = { ...late, id: 'returns', examples: ['I returned my order, where is my refund'] } as unknown as IntentExamples;
    const p = entryProfiles([late, returns], new Map());
    expect(lookalikeReasons(p, 'late', 'I cancelled my order but the parcel is still coming', undefined)).toContain('undone');
    expect(lookalikeReasons(p, 'late', 'we returned it a week ago and the parcel still shows as late', undefined)).toContain('undone');
    expect(lookalikeReasons(p, 'late', 'I ordered on monday and my parcel is late', undefined)).not.toContain('undone');
    expect(lookalikeReasons(p, 'returns', 'I returned the shoes, where is the refund?', undefined)).not.toContain('undone');
  });

  it('refuses a campaign reply to a missing order told in words of its arrival', () => {
    const sale = {
      id: 'autumn-sale',
      examples: ['is the autumn sale live yet', 'my promo code does not work', 'when does the autumn sale start'],
      keywords: ['autumn sale', 'promo code'],
      negative_examples: [],
    } as unknown as IntentExamples;
    const p = entryProfiles([sale], new Map());
    expect(lookalikeReasons(p, sale.id, 'the autumn sale was a disaster, my order never came', undefined)).toContain('other_problem');
    expect(lookalikeReasons(p, sale.id, 'is the autumn sale on in the app too?', undefined)).not.toContain('other_problem');
  });

  it('reads the action a how-to or permission question asks about, not a request for help', () => {
    expect(askedActions('I graduated, how do I move from the student plan to Premium?')).toEqual(new Set(['move']));
    expect(askedActions('can I still gift 3 months to my brother?')).toEqual(new Set(['gift']));
    expect(askedActions('the code fails, can I get help with this?')).toEqual(new Set());
  });

  it('reads what a text says cannot be done, and what its writer says was done', () => {
    expect(blockedActions("the website won't let me order for pickup")).toEqual(new Set(['order']));
    expect(blockedActions('I never got the beta')).toEqual(new Set(['got']));
    expect(doneActions('I ordered online for 6pm and it was not ready until 7')).toEqual(new Set(['order']));
    expect(doneActions('I just placed an order')).toEqual(new Set(['place']));
    expect(doneActions("I can't order online")).toEqual(new Set());
  });
});

describe('entry verifier: the problem, the question and the state (issue 15)', () => {
  const songs = {
    id: 'song-unavailable',
    title: 'Tracks by some artists showing as unavailable',
    examples: ['every track by one band says this song is not available', 'all the songs of one artist went grey overnight'],
    keywords: ['song not available'],
    negative_examples: [],
    reply: 'Some tracks are showing as unavailable; they will be back soon, and the grey will be gone.',
  } as unknown as IntentExamples;
  const student = {
    id: 'student-discount',
    title: 'Premium for Students',
    examples: [
      'how do I get the student discount on premium',
      'how do I verify that I am a student',
      'can I switch my premium to the student plan',
    ],
    keywords: ['student discount'],
    negative_examples: [],
    reply: 'Students get Premium at half price: sign up and verify your status.',
  } as unknown as IntentExamples;
  const ordering = {
    id: 'ordering-off',
    title: 'Online ordering off tonight',
    examples: ["why can't I place an order in the app tonight", "the website won't let me order for pickup", "I can't order ahead tonight"],
    keywords: ['online ordering down'],
    negative_examples: [],
    reply: 'Online ordering is off tonight and back tomorrow.',
  } as unknown as IntentExamples;
  const p = entryProfiles([songs, student, ordering], new Map());
  const reasons = (entry: IntentExamples, text: string) => lookalikeReasons(p, entry.id, text, undefined);

  it('refuses a kind of problem none of the entry texts name; the reply does not count', () => {
    expect(reasons(songs, 'a song in my playlist is credited to the wrong artist, can you fix it?')).toContain('other_problem');
    // "gone" is in the reply (the state a fix reaches), not in what the entry is about.
    expect(reasons(songs, 'the explicit version of this song is gone')).toContain('other_problem');
    expect(reasons(songs, 'every song by Queen says not available, please fix')).not.toContain('other_problem');
  });

  it('refuses a question about an action the entry never mentions', () => {
    expect(reasons(student, 'I graduated, how do I move from the student plan to normal Premium?')).toContain('other_question');
    expect(reasons(student, 'how do I verify my student account?')).not.toContain('other_question');
    // A general verb ("get") says nothing of what is asked.
    expect(reasons(student, 'how do I get Premium as a student?')).not.toContain('other_question');
  });

  it('refuses a mention whose writer did what the entry says cannot be done', () => {
    expect(reasons(ordering, "I ordered online for 6pm and it wasn't ready until 7")).toContain('done');
    expect(reasons(ordering, "why can't I order online tonight?")).not.toContain('done');
  });
});
