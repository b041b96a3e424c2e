import type { EmbeddingsModel } from '@energetic-ai/embeddings';

type Tokenizer = EmbeddingsModel['tokenizer'];

type Piece = [symbols: string[], score: number, index: number];

/** What the package's tokenizer holds: its vocabulary (private in the typings) and its trie of pieces. */
interface TokenizerParts {
  vocabulary: Array<[string, number]>;
  trie: { commonPrefixSearch(symbols: string[]): Piece[] };
}

const SEPARATOR = '\u2581';

/**
 * USE Lite's SentencePiece `encode` in linear time, with the same ids. The package's version hands
 * the trie the rest of the text from every position (`symbols.slice(i)`): quadratic in the text's
 * length. No piece is longer than the vocabulary's longest, so its prefix search never reads past
 * that many symbols; this one hands it only those. The rest is the package's algorithm, quirks
 * included (it steps back by a piece's UTF-16 length), so the vectors do not change.
 */
export function linearEncoder(tokenizer: Tokenizer): (input: string) => number[] {
  const { vocabulary, trie } = tokenizer as unknown as TokenizerParts;
  let longest = 1;
  for (const [piece] of vocabulary) longest = Math.max(longest, [...piece].length);
  return (input) => {
    const normalized = input.normalize('NFKC');
    const symbols = [...(normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized)];
    const n = symbols.length;
    // Pieces ending at each position, by their start.
    const nodes: Array<Map<number, number[]>> = Array.from({ length: n + 1 }, () => new Map());
    const words = new Array<number>(n + 1).fill(0);
    const best = new Array<number>(n + 1).fill(0);
    const scores = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      for (const [piece, score, index] of trie.commonPrefixSearch(symbols.slice(i, i + longest))) {
        const end = i + piece.length;
        const at = nodes[end]!.get(i);
        if (at) at.push(index);
        else nodes[end]!.set(i, [index]);
        scores.set(index, score);
      }
    }
    for (let end = 0; end <= n; end++) {
      // The package walks starts in ascending order (integer keys of an object): the same order here.
      for (const start of [...nodes[end]!.keys()].sort((a, b) => a - b)) {
        for (const index of nodes[end]!.get(start)!) {
          const score = scores.get(index)! + best[start]!;
          if (best[end] === 0 || score >= best[end]!) {
            best[end] = score;
            words[end] = index;
          }
        }
      }
    }
    const results: number[] = [];
    for (let iter = words.length - 1; iter > 0; iter -= vocabulary[words[iter]!]![0].length) results.push(words[iter]!);
    const merged: number[] = [];
    let previousUnknown = false;
    for (const id of results) {
      if (!(previousUnknown && id === 0)) merged.push(id);
      previousUnknown = id === 0;
    }
    return merged.reverse();
  };
}
