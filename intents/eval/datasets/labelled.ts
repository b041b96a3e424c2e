/** A labelled text, the common shape all evaluation sets are read into. */
export interface Labelled {
  text: string;
  label: string;
}

/** Default dataset folder: ../shared/datasets next to the repository (read in place, never copied). */
export const DEFAULT_DATASETS = process.env.FIRST_REPLY_DATASETS ?? '../shared/datasets';
