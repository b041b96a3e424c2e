import sentimentJson from './sentiment.json' with { type: 'json' };
import complaintJson from './complaint.json' with { type: 'json' };
import calibrationJson from './calibration.json' with { type: 'json' };
import { fromJson, type SoftmaxModel } from '../learn/softmax-regression.js';

/** Small models trained from the shared datasets by train-models.ts; the data itself is not shipped. */
export interface ShippedModels {
  /** Embedder id the tone models were trained on (their input must come from it). */
  toneEmbedder: string;
  sentiment: SoftmaxModel;
  complaint: SoftmaxModel;
  calibration: SoftmaxModel;
  /** Confidence at which CLINC150 10-shot val kept wrong answers under 2%. */
  answerThreshold: number;
}

let loaded: ShippedModels | undefined;

export function shippedModels(): ShippedModels {
  loaded ??= {
    toneEmbedder: sentimentJson.embedder,
    sentiment: fromJson(sentimentJson),
    complaint: fromJson(complaintJson),
    calibration: fromJson(calibrationJson),
    answerThreshold: calibrationJson.threshold,
  };
  return loaded;
}
