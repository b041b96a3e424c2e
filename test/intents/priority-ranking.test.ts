import { describe, expect, it } from 'vitest';
import { priorityOf, priorityReasons, urgencySignals } from '../../intents/urgency.js';

// Phrasings written for this test (not from any data set).
const URGENT: [string, string][] = [
  ['@acme your kettle boiled over and burned my hand, there is a blister', 'Safety: burn injury'],
  ['my daughter got burnt by the lid of your travel mug', 'Safety: burn injury'],
  ['the charger caught fire on my desk last night', 'Safety: fire or smoke'],
  ['smoke started coming out of the back of the tv', 'Safety: fire or smoke'],
  ['got an electric shock from the toaster plug', 'Safety: electric shock'],
  ['my son was injured by the broken step in your store', 'Safety: injury'],
  ['ended up in hospital after eating your salad', 'Safety: medical emergency'],
  ['I got food poisoning from the chicken bowl yesterday', 'Safety: food poisoning'],
  ['the label said no nuts, I had an allergic reaction', 'Safety: allergic reaction'],
  ['found glass in my burrito this evening', 'Safety: foreign object in food'],
  ['my account was hacked and the email changed', 'Data breach: hacked account'],
  ['someone logged into my account from another country', 'Data breach: hacked account'],
  ['there are unauthorized charges on my card from your app', 'Data breach: unauthorised charge'],
  ['I didn’t make these purchases, please stop them', 'Data breach: unauthorised charge'],
  ['my personal details were leaked in your data breach', 'Data breach: personal data exposed'],
  ['I will be contacting my lawyer about this', 'Legal threat: lawyer'],
  ['see you in small claims court', 'Legal threat: lawsuit'],
  ['I am going to sue you for this', 'Legal threat: lawsuit'],
  ['filing a complaint with the FCC today', 'Legal threat: regulator complaint'],
];

const HIGH: [string, string][] = [
  ['no internet for three days now, I work from home', 'Service down: no service'],
  ['I am locked out of my account and cannot pay', 'Service down: locked out of the account'],
  ['my phone won’t turn on since the update', "Service down: device won't turn on"],
  ['you charged me twice for the same order', 'Money: charged twice or too much'],
  ['I cancelled in March and was charged again this month after I cancelled', 'Money: charged after cancelling'],
  ['still no refund after six weeks', 'Money: refund not received'],
  ['I have called you five times about this', 'Repeated follow-up: asked several times'],
  ['DMed you last week and still no reply', 'Repeated follow-up: no answer yet'],
];

// Rants and mild complaints: ranked by tone within "normal", never above the list above.
const NORMAL = [
  'this is the worst service ever, you are all useless and I hate this company',
  'absolutely furious, your app is garbage and keeps crashing',
  'the delivery was a bit late today',
  'the new menu is not as good as the old one',
  'is the app down?',
  'my burrito was cold',
  'songs sound fine without wifi, only streaming stutters',
];

// Negated, hypothetical or figurative: none of these is urgent.
const NOT_URGENT = [
  'my account was not hacked, I just forgot the password',
  'no one was hurt but the box was crushed',
  'what happens if my account gets hacked?',
  "I'm burned out on these long flights",
  'fire tv stick will not pair with the remote',
  'never had food poisoning from you, love the bowls',
  'people will recall this ad for years',
  'he sounded like an attorney on the phone',
];

describe('priority ranking on customer text', () => {
  it.each(URGENT)('urgent: %s', (text, reason) => {
    expect(priorityReasons(text)[0]).toEqual(expect.objectContaining({ priority: 'urgent', reason }));
    expect(priorityOf(urgencySignals(text), undefined)).toBe('urgent');
  });

  it.each(HIGH)('high: %s', (text, reason) => {
    expect(priorityReasons(text)[0]).toEqual(expect.objectContaining({ priority: 'high', reason }));
    expect(priorityOf(urgencySignals(text), 'complaint', true, true)).toBe('high');
  });

  it.each(NORMAL)('normal however angry: %s', (text) => {
    expect(priorityReasons(text)).toEqual([]);
    expect(priorityOf(urgencySignals(text), 'complaint', true, true)).toBe('normal');
  });

  it.each(NOT_URGENT)('not urgent: %s', (text) => {
    expect(priorityReasons(text).filter((r) => r.priority === 'urgent')).toEqual([]);
  });

  it('lists every reason once, urgent before high', () => {
    const reasons = priorityReasons('the heater caught fire and burned my arm, my lawyer will hear about it, and you charged me twice').map(
      (r) => r.reason,
    );
    expect(reasons).toEqual(['Safety: burn injury', 'Safety: fire or smoke', 'Legal threat: lawyer', 'Money: charged twice or too much']);
  });

  it('keeps outage as a signal for routing without raising the priority', () => {
    expect(urgencySignals('is your app down again??')).toContain('outage');
    expect(priorityOf(urgencySignals('is your app down again??'), 'outage', true, true)).toBe('normal');
  });

  it('puts thanks, greetings and spam last unless they carry a reason', () => {
    expect(priorityOf(urgencySignals('thanks so much!'), 'thanks')).toBe('low');
    expect(priorityOf(urgencySignals('thanks, but my account was hacked'), 'thanks')).toBe('urgent');
  });
});
