import fs from 'node:fs';
import { parseCsv } from '../../../shared/csv.js';
import type { Labelled } from './labelled.js';

/** Complaints CSV without header: tweet_id, text, label (1 = complaint), domain. */
export function loadComplaints(file: string): Labelled[] {
  return parseCsv(fs.readFileSync(file, 'utf8'))
    .filter((r) => r.length >= 3 && /^[01]$/.test(r[2]!.trim()))
    .map((r) => ({ text: r[1]!, label: r[2]!.trim() === '1' ? 'complaint' : 'other' }));
}
