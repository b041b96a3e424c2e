import fs from 'node:fs';
import { parseCsv } from '../../../shared/csv.js';
import type { Labelled } from './labelled.js';

/** Bitext customer-support CSV with a header; uses the `instruction` and `intent` columns. */
export function loadBitext(file: string): Labelled[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  if (!header) return [];
  const ti = header.indexOf('instruction');
  const li = header.indexOf('intent');
  if (ti < 0 || li < 0) throw new Error(`${file}: expected "instruction" and "intent" columns`);
  return rows.filter((r) => r[ti] && r[li]).map((r) => ({ text: r[ti]!, label: r[li]! }));
}
