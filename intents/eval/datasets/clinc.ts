import fs from 'node:fs';
import type { Labelled } from './labelled.js';

export const OOS = 'oos';

export interface ClincSplits {
  train: Labelled[];
  val: Labelled[];
  test: Labelled[];
  /** Out-of-scope items, labelled "oos". */
  oosTrain: Labelled[];
  oosVal: Labelled[];
  oosTest: Labelled[];
}

/** CLINC150-style JSON: {train, val, test, oos_train, oos_val, oos_test}, each a list of [text, intent]. */
export function loadClinc(file: string): ClincSplits {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, [string, string][] | undefined>;
  const read = (key: string, oos = false): Labelled[] => (raw[key] ?? []).map(([text, label]) => ({ text, label: oos ? OOS : label }));
  return {
    train: read('train'),
    val: read('val'),
    test: read('test'),
    oosTrain: read('oos_train', true),
    oosVal: read('oos_val', true),
    oosTest: read('oos_test', true),
  };
}
