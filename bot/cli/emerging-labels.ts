import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../shared/csv.js';

/** A wave labelled by hand (test/emerging-waves/labels.csv): each tweet of its window is a report, a recovery or other. */
export interface LabelledWave {
  wave: string;
  labels: Map<string, 'report' | 'recovery' | 'other'>;
}

export async function readWaveLabels(file: string): Promise<LabelledWave[]> {
  const rows = parseCsv(await readFile(file, 'utf8')).filter((r) => r.length > 1);
  const header = rows.shift() ?? [];
  const [idAt, waveAt, labelAt] = ['tweet_id', 'wave', 'label'].map((c) => header.indexOf(c)) as [number, number, number];
  if (idAt < 0 || waveAt < 0 || labelAt < 0) throw new Error(`${file} needs tweet_id, wave and label columns`);
  const waves = new Map<string, LabelledWave>();
  for (const r of rows) {
    const label = r[labelAt] as 'report' | 'recovery' | 'other';
    if (!['report', 'recovery', 'other'].includes(label)) throw new Error(`${file}: unknown label "${r[labelAt]}"`);
    const name = r[waveAt]!;
    if (!waves.has(name)) waves.set(name, { wave: name, labels: new Map() });
    waves.get(name)!.labels.set(r[idAt]!, label);
  }
  return [...waves.values()];
}

/**
 * How one wave came out: the raised group holding most of its reports, the share of the reports it
 * holds, and the share of its members about the issue (a report or a recovery). Members outside the
 * labelled window count as not about it: the figure errs low.
 */
/** What the grouping could do at best with a wave: its reports that reached it, and the most of them at once. */
export interface WaveReach {
  /** Each mention grouped (not answered, not needing a person, within the period): id -> ms epoch. */
  grouped: ReadonlyMap<string, number>;
  windowMs: number;
  minSize: number;
}

/** The most of these instants within one window, its two ends included as the grouping's window does (sorted in place). */
function mostWithin(times: number[], windowMs: number): number {
  times.sort((a, b) => a - b);
  let most = 0;
  for (let from = 0, to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! > windowMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

/**
 * The ceiling of a wave's figure: a report left out before the grouping (answered by an entry, no
 * person needed) is in no group, and a wave that never has the raising size of reports within one
 * window is raised only with other mentions in its group.
 */
function reachText(reports: string[], reach: WaveReach): string {
  const times = reports.flatMap((id) => (reach.grouped.has(id) ? [reach.grouped.get(id)!] : []));
  const window = Number.isFinite(reach.windowMs) ? `one window of ${reach.windowMs / 60_000} minutes` : 'the run';
  return (
    `\n    within reach: ${times.length} of its ${reports.length} reports grouped (the others left out or outside the period); ` +
    `at most ${mostWithin(times, reach.windowMs)} of them within ${window} (a group is raised at ${reach.minSize})`
  );
}

export function waveFigures(
  wave: LabelledWave,
  groupOf: (id: string) => number | undefined,
  members: (group: number) => string[],
  reach?: WaveReach,
): string {
  const reports = [...wave.labels].filter(([, l]) => l === 'report').map(([id]) => id);
  const byGroup = new Map<number, number>();
  for (const id of reports) {
    const g = groupOf(id);
    if (g !== undefined) byGroup.set(g, (byGroup.get(g) ?? 0) + 1);
  }
  const best = [...byGroup].sort((a, b) => b[1] - a[1])[0];
  const ceiling = reach ? reachText(reports, reach) : '';
  if (!best) return `  ${wave.wave}: none of its ${reports.length} reports is in a raised group${ceiling}`;
  const inGroup = members(best[0]);
  const about = inGroup.filter((id) => ['report', 'recovery'].includes(wave.labels.get(id) ?? 'other')).length;
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(0)}%`;
  return (
    `  ${wave.wave}: ${best[1]} of its ${reports.length} reports in one raised group (${pct(best[1], reports.length)}); ` +
    `${about} of that group's ${inGroup.length} mentions about the issue (${pct(about, inGroup.length)})` +
    (byGroup.size > 1 ? `; ${byGroup.size} raised groups hold some` : '') +
    ceiling
  );
}
