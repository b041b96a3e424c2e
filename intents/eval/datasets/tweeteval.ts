import fs from 'node:fs';
import type { Labelled } from './labelled.js';

const SENTIMENT = ['negative', 'neutral', 'positive'];

/** TweetEval-style `<split>_text.txt` with a parallel `<split>_labels.txt` (0 negative, 1 neutral, 2 positive). */
export function loadTweetEval(textFile: string): Labelled[] {
  const labelsFile = textFile.replace(/_text\.txt$/, '_labels.txt');
  if (labelsFile === textFile) throw new Error(`expected a *_text.txt file, got ${textFile}`);
  const texts = fs.readFileSync(textFile, 'utf8').split('\n');
  const labels = fs.readFileSync(labelsFile, 'utf8').split('\n');
  const out: Labelled[] = [];
  labels.forEach((l, i) => {
    if (l.trim() === '') return;
    const n = Number(l.trim());
    out.push({ text: (texts[i] ?? '').trim(), label: SENTIMENT[n] ?? String(n) });
  });
  return out;
}
