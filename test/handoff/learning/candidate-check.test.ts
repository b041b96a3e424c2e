import { describe, expect, it } from 'vitest';
import { candidateWarnings, readCandidate, topicWords } from '../../../handoff/learning/candidate-check.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';

const entry = { id: 'kettle-recall' };
const read = { background: false, bestEntryId: 'kettle-recall', lookalike: false };
const text = 'my kettle sparks when I switch it on';

describe('the check of a candidate example', () => {
  it('passes a candidate the live model reads as its entry, with words of its own', () => {
    expect(candidateWarnings(text, entry, read)).toEqual([]);
  });

  it('warns of a vague candidate: device names and figures are not words of its own', () => {
    expect(topicWords('so why is this happening on my iPhone 8')).toEqual(['happen']);
    expect(candidateWarnings('so why is this happening on my iPhone 8', entry, read)).toEqual(['vague']);
    expect(candidateWarnings('hi I pay for 150+...', entry, read)).toEqual(['vague']);
  });

  it('warns of a candidate read as something no entry covers, as another entry, or as a look-alike', () => {
    expect(candidateWarnings(text, entry, { ...read, background: true })).toEqual(['nearer_background']);
    expect(candidateWarnings(text, entry, { ...read, bestEntryId: 'app-outage' })).toEqual(['nearer_other_entry']);
    expect(candidateWarnings(text, entry, { ...read, lookalike: true })).toEqual(['look_alike']);
    expect(candidateWarnings('why?', entry, { ...read, background: true })).toEqual(['vague', 'nearer_background']);
  });

  it('reads a candidate with the understander trained on the live entries', async () => {
    const understander = createKeywordUnderstander();
    await understander.train([
      { id: 'kettle-recall', keywords: ['kettle recall'], examples: ['is my kettle part of the recall'], negative_examples: [] },
      { id: 'app-outage', keywords: ['app down'], examples: ['the app is down again'], negative_examples: [] },
    ]);
    const at = new Date('2026-01-01T00:00:00Z');
    expect(await readCandidate(understander, 'the app is down again, cannot order', 'x', at)).toMatchObject({
      bestEntryId: 'app-outage',
      background: false,
    });
    const other = await readCandidate(understander, 'the app is down again, cannot order', 'x', at);
    expect(candidateWarnings('the app is down again, cannot order', entry, other)).toEqual(['nearer_other_entry']);
  });
});
