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

function watch(markNotified?: (key: string, notice: SlaNotice) => boolean | void) {
  const notifier = createTeamNotifier({ url: `${HOST}${PATH}`, format: 'slack', log: pino({ level: 'silent' }), sleep: async () => {} });
  return createSlaWatch({
    listOpenHandoffs: async () => handoffs,
    hours: office,
    targetMinutes: 60,
    notifier,
    alreadyNotified: (key, notice) => notified.has(`${key}/${notice}`),
    markNotified: markNotified ?? ((key, notice) => void notified.add(`${key}/${notice}`)),
    onBreach: (h) => breaches.push(h.threadKey),
  });
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  posted = [];
  notified = new Set();
  breaches = [];
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
    expect(await w.check(monday9 + 40 * M)).toEqual({ warned: [], breached: [] });
    expect(await w.check(monday9 + 48 * M)).toEqual({ warned: ['t1'], breached: [] });
    expect(await w.check(monday9 + 55 * M)).toEqual({ warned: [], breached: [] });
    expect(await w.check(monday9 + 61 * M)).toEqual({ warned: [], breached: ['t1'] });
    expect(await w.check(monday9 + 90 * M)).toEqual({ warned: [], breached: [] });
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
    expect(await watch().check(monday9 + 2 * 60 * M)).toEqual({ warned: [], breached: ['claimed'] });
    expect(posted).toHaveLength(1);
  });

  it('counts business time only: a Friday-evening handoff is not late on Saturday', async () => {
    handoffs = [thread('fri', { handoffAt: Date.parse('2026-03-27T16:30:00Z') })]; // Friday 17:30 CET
    const w = watch();
    expect(await w.check(Date.parse('2026-03-28T12:00:00Z'))).toEqual({ warned: [], breached: [] });
    expect(await w.check(Date.parse('2026-03-30T07:19:00Z'))).toEqual({ warned: ['fri'], breached: [] }); // 30 + 19 minutes
    expect(await w.check(Date.parse('2026-03-30T07:30:00Z'))).toEqual({ warned: [], breached: ['fri'] });
  });

  it('stays quiet when another instance claimed the notice first', async () => {
    handoffs = [thread('t2')];
    const w = watch(() => false);
    expect(await w.check(monday9 + 61 * M)).toEqual({ warned: [], breached: [] });
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
});
