import nock from 'nock';
import { pino } from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../handoff/hours/business-hours.js';
import { createSlaWatch, type OpenHandoff, type SlaNotice } from '../../../handoff/notify/sla-watch.js';
import { createTeamNotifier } from '../../../handoff/notify/team-webhook.js';

const HOST = 'https://hooks.slack.example';
const PATH = '/services/T1/B1/watchsecret';
const M = 60_000;
const office = parseBusinessHours('Mon-Fri 09:00-18:00', 'Europe/Paris');
const monday9 = Date.parse('2026-03-30T07:00:00Z'); // Monday 09:00 CEST

let posted: { text: string }[];
let notified: Set<string>;
let handoffs: OpenHandoff[];
let breaches: string[];
let nextBreaches: string[];

function thread(key: string, over: Partial<OpenHandoff> = {}): OpenHandoff {
  return {
    threadKey: key,
    channel: 'sandbox',
    author: '@ann',
    text: 'still waiting',
    handoffAt: monday9,
    firstHumanReplyAt: null,
    state: 'waiting',
    ...over,
  };
}

function watch(markNotified?: (key: string, notice: SlaNotice, h: OpenHandoff, since: number) => boolean | void) {
  const notifier = createTeamNotifier({ url: `${HOST}${PATH}`, format: 'slack', log: pino({ level: 'silent' }), sleep: async () => {} });
  return createSlaWatch({
    listOpenHandoffs: async () => handoffs,
    hours: office,
    targetMinutes: 60,
    nextTargetMinutes: 30,
    notifier,
    alreadyNotified: (key, notice) => notified.has(`${key}/${notice}`),
    markNotified: markNotified ?? ((key, notice) => void notified.add(`${key}/${notice}`)),
    onBreach: (h) => breaches.push(h.threadKey),
    onNextBreach: (h) => nextBreaches.push(h.threadKey),
  });
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  posted = [];
  notified = new Set();
  breaches = [];
  nextBreaches = [];
  handoffs = [];
  nock(HOST)
    .post(PATH)
    .times(100)
    .reply(200, (_uri, body) => {
      posted.push(body as { text: string });
      return 'ok';
    });
});
afterEach(() => nock.cleanAll());

describe('SLA watch', () => {
  it('warns once at 80% of the target and announces the breach once', async () => {
    handoffs = [thread('t1')];
    const w = watch();
    expect(await w.check(monday9 + 40 * M)).toMatchObject({ warned: [], breached: [] });
    expect(await w.check(monday9 + 48 * M)).toMatchObject({ warned: ['t1'], breached: [] });
    expect(await w.check(monday9 + 55 * M)).toMatchObject({ warned: [], breached: [] });
    expect(await w.check(monday9 + 61 * M)).toMatchObject({ warned: [], breached: ['t1'] });
    expect(await w.check(monday9 + 90 * M)).toMatchObject({ warned: [], breached: [] });
    expect(posted.map((p) => p.text)).toEqual([
      'Response target close: 12 min left — @ann on sandbox still waits for a person',
      'Response target missed — @ann on sandbox has waited past the target',
    ]);
    expect(breaches).toEqual(['t1']);
  });

  it('sends nothing for threads a person answered, or no longer waiting', async () => {
    handoffs = [
      thread('answered', { firstHumanReplyAt: monday9 + 5 * M }),
      thread('resolved', { state: 'resolved' }),
      thread('claimed', { state: 'agent' }),
    ];
    expect(await watch().check(monday9 + 2 * 60 * M)).toMatchObject({ warned: [], breached: ['claimed'] });
    expect(posted).toHaveLength(1);
  });

  it('counts business time only: a Friday-evening handoff is not late on Saturday', async () => {
    handoffs = [thread('fri', { handoffAt: Date.parse('2026-03-27T16:30:00Z') })]; // Friday 17:30 CET
    const w = watch();
    expect(await w.check(Date.parse('2026-03-28T12:00:00Z'))).toMatchObject({ warned: [], breached: [] });
    expect(await w.check(Date.parse('2026-03-30T07:19:00Z'))).toMatchObject({ warned: ['fri'], breached: [] }); // 30 + 19 minutes
    expect(await w.check(Date.parse('2026-03-30T07:30:00Z'))).toMatchObject({ warned: [], breached: ['fri'] });
  });

  it('stays quiet when another instance claimed the notice first', async () => {
    handoffs = [thread('t2')];
    const w = watch(() => false);
    expect(await w.check(monday9 + 61 * M)).toMatchObject({ warned: [], breached: [] });
    expect(posted).toEqual([]);
    expect(breaches).toEqual([]);
  });

  it('a watch restarted with the same store does not repeat a notice', async () => {
    handoffs = [thread('t3')];
    await watch().check(monday9 + 50 * M);
    await watch().check(monday9 + 52 * M);
    expect(posted).toHaveLength(1);
  });

  it('two overlapping passes send one notice', async () => {
    handoffs = [thread('t4')];
    const w = watch();
    const [a, b] = await Promise.all([w.check(monday9 + 61 * M), w.check(monday9 + 61 * M)]);
    expect([...a.breached, ...b.breached]).toEqual(['t4']);
    expect(posted).toHaveLength(1);
  });

  it('a follow-up left unanswered past the next-reply target (business time) is announced once, and counted', async () => {
    // Answered at 09:10, the customer wrote again at 17:50 Monday: 10 business minutes that day, 20 on Tuesday.
    const followUp = Date.parse('2026-03-30T15:50:00Z');
    handoffs = [thread('f1', { state: 'agent', firstHumanReplyAt: monday9 + 10 * M, customerRepliedAt: followUp, text: 'charged again' })];
    // One record per thread, notice and clock start: what recordEventOnce keeps in the store.
    const seen = new Set<string>();
    const w = watch((key, notice, _h, since) => {
      const id = `${key}/${notice}/${since}`;
      if (seen.has(id)) return false;
      seen.add(id);
    });
    expect(await w.check(Date.parse('2026-03-30T22:00:00Z'))).toEqual({ warned: [], breached: [], nextBreached: [] });
    expect(await w.check(Date.parse('2026-03-31T07:19:00Z'))).toEqual({ warned: [], breached: [], nextBreached: [] });
    expect(await w.check(Date.parse('2026-03-31T07:21:00Z'))).toEqual({ warned: [], breached: [], nextBreached: ['f1'] });
    expect(await w.check(Date.parse('2026-03-31T09:00:00Z'))).toEqual({ warned: [], breached: [], nextBreached: [] });
    expect(posted.map((p) => p.text)).toEqual(['Next-reply target missed — @ann on sandbox wrote again and has waited past the target']);
    expect(JSON.stringify(posted[0])).toContain('charged again');
    expect(nextBreaches).toEqual(['f1']);
    // No first-response notice for it: a person answered the handoff.
    expect(breaches).toEqual([]);

    // Answered, then a second follow-up: its own clock, its own notice.
    handoffs = [
      thread('f1', { state: 'agent', firstHumanReplyAt: monday9 + 10 * M, customerRepliedAt: Date.parse('2026-03-31T10:00:00Z') }),
    ];
    expect((await w.check(Date.parse('2026-03-31T10:29:00Z'))).nextBreached).toEqual([]);
    expect((await w.check(Date.parse('2026-03-31T10:31:00Z'))).nextBreached).toEqual(['f1']);
    expect(nextBreaches).toEqual(['f1', 'f1']);
  });

  it('no next-reply notice for a thread no longer open, nor without a next-reply target', async () => {
    handoffs = [thread('done', { state: 'resolved', firstHumanReplyAt: monday9, customerRepliedAt: monday9 + M })];
    expect((await watch().check(monday9 + 3 * 60 * M)).nextBreached).toEqual([]);
    const notifier = createTeamNotifier({ url: `${HOST}${PATH}`, format: 'slack', log: pino({ level: 'silent' }), sleep: async () => {} });
    handoffs = [thread('open', { state: 'waiting', firstHumanReplyAt: monday9, customerRepliedAt: monday9 + M })];
    const untargeted = createSlaWatch({
      listOpenHandoffs: async () => handoffs,
      hours: office,
      targetMinutes: 60,
      notifier,
      markNotified: () => true,
    });
    expect(await untargeted.check(monday9 + 3 * 60 * M)).toEqual({ warned: [], breached: [], nextBreached: [] });
    expect(posted).toEqual([]);
  });
});
