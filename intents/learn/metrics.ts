/** Mean over classes of the recall of each class (TweetEval's sentiment metric). */
export function macroRecall(gold: readonly string[], predicted: readonly string[]): number {
  const classes = [...new Set(gold)];
  const recalls = classes.map((c) => {
    let n = 0;
    let hit = 0;
    gold.forEach((g, i) => {
      if (g !== c) return;
      n++;
      if (predicted[i] === c) hit++;
    });
    return n ? hit / n : 0;
  });
  return recalls.reduce((a, b) => a + b, 0) / Math.max(1, recalls.length);
}

export function binaryScores(gold: readonly string[], predicted: readonly string[], positive: string) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (p === g) right++;
    if (p === positive && g === positive) tp++;
    else if (p === positive) fp++;
    else if (g === positive) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: gold.length ? right / gold.length : 0 };
}
