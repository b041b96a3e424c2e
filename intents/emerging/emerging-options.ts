import { RAISED_EASE } from './raised-pull.js';

/** The grouping's thresholds and window (settings can override each). */
export interface EmergingOptions {
  /** Mentions older than this (before the newest one's time) leave their group; Infinity: one window. */
  windowMs: number;
  minSize: number;
  minAuthors: number;
  /** A mention joins the likeliest group at or above this likeness, else starts its own. */
  joinAt: number;
  /** ...and only when one member at least is this like it (no drifting into a vague centroid). */
  nearAt: number;
  /** The two thresholds when there is no sentence embedding (words and characters score lower). */
  textJoinAt: number;
  textNearAt: number;
  /** Two groups whose centroids are this alike become one (text: without embeddings). */
  mergeAt: number;
  textMergeAt: number;
  /** How much lower the likeness is at which a forming group merges into a raised one (raised-pull.ts). */
  raisedEase: number;
  /** Keep every mention's group for the whole run (the offline command), not only the window's. */
  rememberAll?: boolean;
}

export const EMERGING_DEFAULTS: EmergingOptions = {
  windowMs: 60 * 60_000,
  minSize: 8,
  minAuthors: 5,
  joinAt: 0.35,
  nearAt: 0.5,
  textJoinAt: 0.3,
  textNearAt: 0.4,
  mergeAt: 0.45,
  textMergeAt: 0.35,
  raisedEase: RAISED_EASE,
};
