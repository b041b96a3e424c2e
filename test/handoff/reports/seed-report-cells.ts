import { encodeReply, encodeVolume, replyBucket, type VolumeFact } from '../../../handoff/reports/report-cells.js';
import { HOUR_MS, type HandoffStore } from '../../../store/handoff-store.js';

const CHANNELS = ['x', 'facebook', 'instagram'];
const TEAMS = ['billing', 'tech', ''];
const TOPICS = ['delivery-delay', 'refund-policy', 'opening-hours', 'refund', 'outage', ''];
const REASONS = ['not_understood', 'not_understood', 'follow_up', 'author_reply_cap', 'language'];
const AGENTS = ['ann', 'bob', 'cy'];

/**
 * A fortnight of a small team's facts ending at `end`, counted through the store's call (for the
 * report pages' browser test and screenshots): busier on weekdays and from 9 to 18, UTC.
 */
export async function seedReportCells(handoff: Pick<HandoffStore, 'countReportCells'>, end: number, days = 14): Promise<void> {
  const volume: { hour: number; cell: string }[] = [];
  const reply: { hour: number; cell: string }[] = [];
  const lastHour = Math.floor(end / HOUR_MS);
  let i = 0;
  for (let hour = lastHour - days * 24 + 1; hour <= lastHour; hour++) {
    const local = ((hour % 24) + 24) % 24;
    const weekday = new Date(hour * HOUR_MS).getUTCDay();
    const busy = (local >= 9 && local < 18 ? 4 : local >= 7 && local < 22 ? 2 : 0) + (weekday === 0 || weekday === 6 ? 0 : 2);
    for (let k = 0; k < busy; k++, i++) {
      const r = (i * 37) % 100;
      const base = { channel: CHANNELS[i % 3]!, team: r < 70 ? '' : TEAMS[i % 3]!, topic: TOPICS[(i * 7) % TOPICS.length]! };
      const fact: VolumeFact =
        r < 60
          ? { ...base, outcome: 'answered', reason: 'knowledge_match', replied: true }
          : r < 70
            ? { ...base, outcome: 'no_reply', reason: 'courtesy', replied: i % 2 === 0 }
            : { ...base, outcome: 'handed_off', reason: REASONS[i % REASONS.length]!, replied: i % 7 !== 0 };
      volume.push({ hour, cell: encodeVolume(fact) });
      if (fact.outcome === 'handed_off' && hour < lastHour) {
        const ms = 60_000 * (3 + ((i * 7919) % 150));
        reply.push({
          hour: hour + 1,
          cell: encodeReply({
            ...base,
            agent: AGENTS[i % 3]!,
            kind: i % 4 === 0 ? 'next' : 'first',
            bucket: replyBucket(ms),
            met: ms <= 3_600_000,
          }),
        });
      }
    }
  }
  await handoff.countReportCells('volume', volume);
  await handoff.countReportCells('reply', reply);
}
