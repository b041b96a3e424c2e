import { beforeAll, describe, expect, it } from 'vitest';
import { backgroundExamples, isBackground, BACKGROUND_PREFIX } from '../../intents/background.js';
import { normalize } from '../../intents/embedding/embedder.js';
import type { IntentExample } from '../../intents/classify/intent-model.js';
import { readyTf } from '../../intents/learn/gram-matrix.js';

const example = (label: string, v: number[]): IntentExample => ({
  label,
  vector: normalize(Float32Array.from(v)),
  sparse: { index: new Int32Array(0), value: new Float32Array(0) },
});

describe('background classes', () => {
  beforeAll(readyTf);

  it('leaves out background phrasings close to an entry example and keeps the rest', () => {
    const entry = [example('app-outage', [1, 0, 0])];
    const close = example(`${BACKGROUND_PREFIX}outage`, [1, 0.2, 0]); // cosine ~0.98
    const far = example(`${BACKGROUND_PREFIX}travel`, [0, 1, 0]); // cosine 0
    const middling = example(`${BACKGROUND_PREFIX}device`, [1, 1, 0]); // cosine ~0.71
    expect(backgroundExamples(entry, [close, far, middling]).map((e) => e.label)).toEqual(['~travel']);
    expect(backgroundExamples(entry, [close, far, middling], 0.8).map((e) => e.label)).toEqual(['~travel', '~device']);
  });

  it('tells background labels from entry ids', () => {
    expect(isBackground(`${BACKGROUND_PREFIX}delivery`)).toBe(true);
    expect(isBackground('parcel-delays')).toBe(false);
  });
});
