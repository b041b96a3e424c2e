/**
 * What the reports count, encoded as the store's cells (store/report-cells.ts): fields joined by the
 * unit separator, which no channel, team, topic, reason or user name holds.
 */
const SEP = '\u001f';

/** A decided customer mention's outcome, as the volumes count it. */
export type VolumeOutcome = 'answered' | 'no_reply' | 'handed_off';

export interface VolumeFact {
  channel: string;
  /** The thread's team once routed; '' for none. */
  team: string;
  /** The knowledge entry, else the built-in intent it was understood as; '' when neither. */
  topic: string;
  outcome: VolumeOutcome;
  /** The decision's reason (knowledge_match, courtesy, not_understood, author_reply_cap...). */
  reason: string;
  /** A reply was queued for it (answer, acknowledgement or courtesy): false when silenced (author cap, no courtesy). */
  replied: boolean;
}

export interface ReplyFact {
  channel: string;
  team: string;
  agent: string;
  kind: 'first' | 'next';
  /** Business-hours time to the reply, as a histogram bucket (replyBucket). */
  bucket: number;
  /** Within the target (business time). */
  met: boolean;
  /** The topic the thread was handed off with (as a volume fact's); '' when none, or for a cell counted before topics. */
  topic: string;
}

export const encodeVolume = (f: VolumeFact) => [f.channel, f.team, f.topic, f.outcome, f.reason, f.replied ? '1' : '0'].join(SEP);

export function decodeVolume(cell: string): VolumeFact {
  const [channel = '', team = '', topic = '', outcome = '', reason = '', replied = '0'] = cell.split(SEP);
  return { channel, team, topic, outcome: outcome as VolumeOutcome, reason, replied: replied === '1' };
}

// The topic comes last, so a cell counted before it decodes with none (the '-' topic).
export const encodeReply = (f: ReplyFact) => [f.channel, f.team, f.agent, f.kind, String(f.bucket), f.met ? '1' : '0', f.topic].join(SEP);

export function decodeReply(cell: string): ReplyFact {
  const [channel = '', team = '', agent = '', kind = 'first', bucket = '0', met = '0', topic = ''] = cell.split(SEP);
  return { channel, team, agent, kind: kind === 'next' ? 'next' : 'first', bucket: Number(bucket), met: met === '1', topic };
}

/**
 * Reply times kept as a histogram of log buckets: each bucket is 2% wider than the one before, from
 * one second, so a median or 90th percentile read from it is within 1% of the exact one.
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
export const replyBucket = (ms: number) => (ms < 1000 ? 0 : 1 + Math.floor(Math.log(ms / 1000) / LOG_GROWTH));
/** The bucket's middle (geometric), in ms: what a percentile read from the histogram answers. */
export const bucketMs = (bucket: number) => (bucket === 0 ? 500 : 1000 * GROWTH ** (bucket - 0.5));
