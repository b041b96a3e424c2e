import { createTurnRunner } from '../bot/turn/run-turn.js';
import type { HandoffThread } from '../store/handoff-store.js';
void createTurnRunner;
export type Leak = HandoffThread;
import { toneFeatures } from './features/text-features.js';
import { predictProba, type SoftmaxModel } from './learn/softmax-regression.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface Tone {
  sentiment: Sentiment;
  sentimentScores: Record<Sentiment, number>;
  complaint: boolean;
  complaintProbability: number;
}

/** Sentiment and complaint from the shipped linear models over the USE Lite embedding of the text. */
export function toneOf(text: string, useEmbedding: Float32Array, sentiment: SoftmaxModel, complaint: SoftmaxModel): Tone {
  const x = toneFeatures(text, useEmbedding);
  const ps = predictProba(sentiment, x);
  const scores = { negative: 0, neutral: 0, positive: 0 } as Record<Sentiment, number>;
  sentiment.classes.forEach((c, i) => (scores[c as Sentiment] = ps[i]!));
  const best = (Object.keys(scores) as Sentiment[]).reduce((a, b) => (scores[b] > scores[a] ? b : a));
  const pc = predictProba(complaint, x);
  const complaintProbability = pc[complaint.classes.indexOf('complaint')] ?? 0;
  return { sentiment: best, sentimentScores: scores, complaint: complaintProbability >= 0.5, complaintProbability };
}
