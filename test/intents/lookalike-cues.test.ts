import { describe, expect, it } from 'vitest';
import { asksSomething, lookalikeCues, matterState } from '../../intents/lookalike-cues.js';
import { reportsProblem } from '../../intents/problem-words.js';

describe('look-alike cues (issue 15 finding 2)', () => {
  it('reads a state reached, unless it is negated', () => {
    expect(lookalikeCues('my parcel arrived but it is damaged')).toContain('state:arrived');
    expect(lookalikeCues('my parcel has not arrived')).not.toContain('state:arrived');
    expect(lookalikeCues("my package still hasn't arrived")).not.toContain('state:arrived');
    expect(lookalikeCues("Nope, I've got my package thanks")).toEqual(new Set(['state:received', 'state:thanks', 'reply:opening']));
    expect(lookalikeCues('the app works again, yay')).toContain('state:works');
    expect(lookalikeCues('the app is not working')).not.toContain('state:works');
    expect(lookalikeCues('the app stopped working')).not.toContain('state:works');
    // "fine" is a state reached too: logging in works, the payment is the matter.
    expect(lookalikeCues('the app lets me log in fine but crashes when I pay')).toContain('state:works');
    expect(lookalikeCues('the app is not fine at all')).not.toContain('state:works');
  });

  it('reads neighbouring question frames and answer openings', () => {
    expect(lookalikeCues('what time do you stop delivering packages')).toContain('ask:time');
    expect(lookalikeCues('how much is shipping')).toContain('ask:amount');
    expect(lookalikeCues('Yes, I tried that already')).toContain('reply:opening');
    expect(lookalikeCues('No online orders today?')).not.toContain('reply:opening');
    expect(lookalikeCues('my parcel is two weeks late')).toEqual(new Set());
  });

  it('reads a request for help as no permission question', () => {
    expect(lookalikeCues('the code gives an error, can I get help with this?')).not.toContain('ask:may');
    expect(lookalikeCues('could I have some help please, my order is stuck')).not.toContain('ask:may');
    expect(lookalikeCues('can I gift a month to my sister?')).toContain('ask:may');
    // A permission question beside a request for help still asks whether something is allowed.
    expect(lookalikeCues('can I get help? and can I swap my plan')).toContain('ask:may');
    // After a wh-word, "can I" asks where or when, not whether it is allowed.
    expect(lookalikeCues('where can I see all the black friday deals?')).not.toContain('ask:may');
    expect(lookalikeCues('when can I order, and can I pay later?')).toContain('ask:may');
  });

  it('reads a fix already tried, unless it is negated', () => {
    expect(lookalikeCues('Change with Buttons is already on and it still only changes media volume')).toContain('state:tried');
    expect(lookalikeCues('I set up the shortcut and it still shows the symbol')).toContain('state:tried');
    expect(lookalikeCues('tried reinstalling, same thing')).toContain('state:tried');
    expect(lookalikeCues("I haven't tried anything yet, the buttons do nothing")).not.toContain('state:tried');
    expect(lookalikeCues('the volume buttons no longer change my ringer')).not.toContain('state:tried');
    // Opening by saying the steps did nothing: tried, with or without the word.
    expect(lookalikeCues('@brand Didn’t work. The picture still freezes on every channel')).toContain('state:tried');
    expect(lookalikeCues('@brand no luck, it keeps asking for the code')).toContain('state:tried');
    expect(lookalikeCues('still not working after the restart')).toContain('state:tried');
    expect(lookalikeCues('no help from anyone, my parcel is lost')).not.toContain('state:tried');
    expect(lookalikeCues('my tv is not working since this morning')).not.toContain('state:tried');
  });

  it('reads a failure of everything, wider than one thing', () => {
    expect(lookalikeCues('the search is broken and everything takes ages to load')).toContain('state:everything');
    // Everything else works: the one thing is still the matter.
    expect(lookalikeCues("only one artist's songs won't play, everything else is fine")).not.toContain('state:everything');
    expect(lookalikeCues('whatever I try the app just spins')).toContain('state:everything');
    expect(lookalikeCues('one album will not play')).not.toContain('state:everything');
  });

  it('reads where the customer is as what keeps it from them', () => {
    expect(lookalikeCues('the album plays abroad but is greyed out here in the US')).toContain('state:region');
    expect(lookalikeCues('is this show blocked in my country?')).toContain('state:region');
    expect(lookalikeCues('the album is greyed out on my phone')).not.toContain('state:region');
  });

  it('reads the fault put on the brand by someone else, unless it is negated', () => {
    expect(lookalikeCues('the game company says the lag is on your end, not theirs')).toContain('state:blamed');
    expect(lookalikeCues('the shop blames you for the missing refund')).toContain('state:blamed');
    expect(lookalikeCues('the lag is not on your end, the game servers are down')).not.toContain('state:blamed');
    expect(lookalikeCues('the game servers are down again tonight')).not.toContain('state:blamed');
  });

  it('tells a mention that asks something from chatter', () => {
    expect(asksSomething('@brand is the deal on today')).toBe(true);
    expect(asksSomething('deal on today?')).toBe(true);
    expect(asksSomething('@brand please fix the app')).toBe(true);
    expect(asksSomething('$3 burritos tonight, best deal ever @brand')).toBe(false);
    expect(asksSomething('BOORITO TIME! @brand')).toBe(false);
    // A question opening a later sentence, without its mark; an ellipsis goes on with the same sentence.
    expect(asksSomething("package was due monday, it's thursday. where is it")).toBe(true);
    expect(asksSomething('the info sent is about another app... which is unrelated to my post')).toBe(false);
    // A wh-word opening a clause about the writer is a remark, not a question.
    expect(asksSomething("When you're the only one in costume #deal @brand")).toBe(false);
    expect(asksSomething('how I feel when the app works @brand')).toBe(false);
    expect(asksSomething('when does the deal start @brand')).toBe(true);
    expect(asksSomething('why is my order late @brand')).toBe(true);
    // Contracted question words open questions too, written with either apostrophe.
    expect(asksSomething("@brand Where's the prizes, this deal is starting to suck")).toBe(true);
    expect(asksSomething('@brand how’d my order end up in Germany')).toBe(true);
    expect(asksSomething("@brand isn't the deal on today")).toBe(true);
    expect(asksSomething("@brand can't order online tonight")).toBe(true);
    expect(asksSomething('@brand wheres my parcel')).toBe(true);
    expect(asksSomething("@brand where's my parcel")).toBe(true);
    // Other contractions are no question words.
    expect(asksSomething("that's the best deal ever @brand")).toBe(false);
    expect(asksSomething("it's the best deal ever @brand")).toBe(false);
  });

  it('tells a mention that reports a problem from details or a remark', () => {
    expect(reportsProblem("the app won't open on my phone")).toBe(true);
    expect(reportsProblem('battery keeps draining since the update')).toBe(true);
    // "None of ... will play" is a negation; greyed-out songs are a problem.
    expect(reportsProblem("none of the band's songs will play")).toBe(true);
    expect(reportsProblem('the whole album is greyed out')).toBe(true);
    // Typed without the apostrophe, as customers often do.
    expect(reportsProblem('when I click the pack it dont download')).toBe(true);
    expect(reportsProblem('I couldnt sign in all evening')).toBe(true);
    // A code or card refused is a problem reported ("my Tuesdays code says invalid").
    expect(reportsProblem('my T-Mobile Tuesdays code says invalid')).toBe(true);
    expect(reportsProblem('my card was declined at checkout')).toBe(true);
    // Trouble, a picture gone wrong, something that stopped: reported in other words than a negation.
    expect(reportsProblem("I'm having trouble viewing my channels on my tv")).toBe(true);
    expect(reportsProblem('the picture is pixelated and keeps flickering')).toBe(true);
    expect(reportsProblem('the outage map says all clear')).toBe(false);
    // Money taken, things harmed: reports too (a Delta card holder charged for a bag it should carry free).
    expect(reportsProblem('checking in now and was being charged for baggage')).toBe(true);
    expect(reportsProblem('my suitcase came back cracked')).toBe(true);
    expect(reportsProblem('booked with my card, checking in now')).toBe(false);
    expect(reportsProblem('they no longer sell the blue one')).toBe(true);
    expect(reportsProblem('Pixel 2, app version 8.4, Android 8')).toBe(false);
    expect(reportsProblem('my favourite band is on the radio')).toBe(false);
  });
});

describe('whether a text says its matter is over or still open', () => {
  it.each([
    ['got my order at last, cheers', 'closed'],
    ['the app works again', 'closed'],
    ["my order still hasn't arrived after 10 days", 'open'],
    ['still waiting for my parcel', 'open'],
    ['my parcel has not arrived', 'open'],
    ['my order is late AGAIN. ridiculous', 'open'],
    ['the parcel came but I still have not received the charger', undefined],
    ['where is my parcel', undefined],
  ] as const)('"%s": %s', (text, state) => {
    expect(matterState(text)).toBe(state);
  });

  it("reads no cue in phrases that only carry its word (a new user's mentions)", () => {
    expect(lookalikeCues('expected delivery date came and went. still no parcel')).not.toContain('state:arrived');
    expect(lookalikeCues('is there a promo code or are prices already reduced?')).not.toContain('state:tried');
    expect(lookalikeCues('I already reset it and it still fails')).toContain('state:tried');
    expect(lookalikeCues('the app says login failed and it worked fine yesterday')).not.toContain('state:works');
    expect(lookalikeCues('login broken on the app?? tried 5 times')).not.toContain('state:tried');
    // A thanks that signs off a request is politeness; a thanks alone, or for something received, is a cue.
    expect(lookalikeCues("my package was due on the 14th and I haven't received it. Could you check? Thank you.")).not.toContain(
      'state:thanks',
    );
    expect(lookalikeCues('got my package, thank you')).toContain('state:thanks');
  });
});
