import { describe, expect, it } from 'vitest';
import { forEncoder } from '../../../intents/embedding/use-embedder.js';

describe('text for the sentence encoder', () => {
  it('drops @handles and links, keeps the words', () => {
    expect(forEncoder('@AmazonHelp @115821 where is my order? https://t.co/pXnKSCo2ex')).toBe('where is my order?');
    expect(forEncoder('why is the @ChipotleTweets app not working www.example.com/x')).toBe('why is the app not working');
  });

  it('never hands the encoder an empty text', () => {
    expect(forEncoder('@brand https://t.co/abc')).toBe(' ');
    expect(forEncoder('')).toBe(' ');
  });
});
