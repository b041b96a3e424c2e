/**
 * Words shouted in capitals ("WHERE IS MY PARCEL. Promised Thursday.") read as if written in lower
 * case: the sentence encoder and the word features were made on ordinary text, and shouting moves a
 * mention away from the examples it means. Only runs of three capitalised words or more: an acronym or
 * a code ("LHR", "BA198", "iOS") keeps its case, and so do handles and links.
 */
const SHOUTED_RUN = /(?<![\p{L}\p{N}@/_])(?:\p{Lu}[\p{Lu}'’]*(?![\p{L}\p{N}_])[^\p{L}\p{N}@_/]*){3,}/gu;

export function unshouted(text: string): string {
  return text.replace(SHOUTED_RUN, (run) => run.toLowerCase());
}
