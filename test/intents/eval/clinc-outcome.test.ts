import { describe, expect, it } from 'vitest';
import { outcome } from '../../../intents/eval/operating-point.js';

describe('CLINC metrics at a threshold', () => {
  const items = [
    { label: 'balance', predicted: 'balance', confidence: 0.9 }, // answered right
    { label: 'balance', predicted: 'transfer', confidence: 0.8 }, // answered wrong
    { label: 'transfer', predicted: 'transfer', confidence: 0.2 }, // right but below threshold
    { label: 'oos', predicted: 'balance', confidence: 0.95 }, // OOS answered: wrong
    { label: 'oos', predicted: 'transfer', confidence: 0.1 }, // OOS rejected
  ];

  it('counts in-scope accuracy, OOS recall and wrong answers over answered', () => {
    const o = outcome(items, 0.5);
    expect(o.in_scope_accuracy).toBeCloseTo(1 / 3);
    expect(o.oos_recall).toBeCloseTo(1 / 2);
    expect(o.answered_rate).toBeCloseTo(3 / 5);
    expect(o.wrong_answer_rate).toBeCloseTo(2 / 3);
    expect(o.in_scope_answered_rate).toBeCloseTo(2 / 3);
  });

  it('answers nothing above every confidence', () => {
    const o = outcome(items, 0.99);
    expect(o).toMatchObject({ in_scope_accuracy: 0, oos_recall: 1, answered_rate: 0, wrong_answer_rate: 0 });
  });
});
