import {
  addDense,
  addSparse,
  blend,
  denseCosine,
  denseDot,
  sparseDot,
  denseSumsCosine,
  sparseCosine,
  sumsCosine,
  type DenseSum,
  type MentionVectors,
  type SparseSum,
} from './group-sums.js';
import type { MentionTerms } from './mention-terms.js';
import { authorKey, linkedPair, linksInto, type ThreadLinks } from './thread-links.js';

/** A handed-off mention as the grouping takes it in (in time order). */
export interface EmergingMention {
  key: string;
  /** ms epoch */
  at: number;
  author: string;
  text: string;
  /** The post it answers, when the platform says (customers piling on under one post). */
  replyTo?: string;
  /** Unit sentence embedding, when an encoder runs. */
  embedding?: Float32Array;
}

export interface Member extends EmergingMention {
  terms: MentionTerms;
  vectors: MentionVectors;
  links: ThreadLinks;
}

/** Mentions alike within the window, with the sums that make comparing a newcomer cheap. */
export interface Group {
  id: number;
  /** Members still in the window, oldest first. */
  members: Member[];
  /** Everyone who ever joined (the offline command's output, the raised count). */
  joined: number;
  authorsEver: Set<string>;
  embedding: DenseSum;
  words: SparseSum;
  chars: SparseSum;
  /** Posts members answer, members' own keys and their authors: a reply under one of them, or naming one, belongs here. */
  context: Map<string, number>;
  raisedAt?: number;
}

export function newGroup(id: number): Group {
  return {
    id,
    members: [],
    joined: 0,
    authorsEver: new Set(),
    embedding: { sum: undefined, norm2: 0 },
    words: { sum: new Map(), norm2: 0 },
    chars: { sum: new Map(), norm2: 0 },
    context: new Map(),
  };
}

const bump = (m: Map<string, number>, k: string | undefined, by: number) => {
  if (k === undefined) return;
  const n = (m.get(k) ?? 0) + by;
  if (n > 0) m.set(k, n);
  else m.delete(k);
};

export function addMember(g: Group, m: Member, sign: 1 | -1): void {
  addDense(g.embedding, m.vectors.embedding, sign);
  addSparse(g.words, m.vectors.words, sign);
  addSparse(g.chars, m.vectors.chars, sign);
  bump(g.context, m.replyTo, sign);
  bump(g.context, m.key, sign);
  bump(g.context, authorKey(m.author), sign);
}

/** How much a reply under a post that the group's members share (or wrote), or naming one of its customers, adds to the likeness. */
const SAME_POST = 0.35;

export function likeness(m: Member, g: Group): number {
  const base = blend(
    denseCosine(m.vectors.embedding, g.embedding),
    sparseCosine(m.vectors.words, g.words),
    sparseCosine(m.vectors.chars, g.chars),
  );
  return Math.min(1, base + (linksInto(m.links, g.context) ? SAME_POST : 0));
}

/** Likeness of two mentions: the same blend, and the same bonus for sharing a thread (thread-links.ts). */
export function pairLikeness(a: Member, b: Member): number {
  const base = blend(
    a.vectors.embedding && b.vectors.embedding ? denseDot(a.vectors.embedding, b.vectors.embedding) : undefined,
    sparseDot(a.vectors.words, b.vectors.words),
    sparseDot(a.vectors.chars, b.vectors.chars),
  );
  return Math.min(1, base + (linkedPair(a, b) ? SAME_POST : 0));
}

/**
 * How many of a group's latest members a newcomer is compared with one by one: a wave's group grows to
 * hundreds, and comparing each newcomer with all of them made grouping cost grow with the wave.
 */
export const NEAREST_OF_LATEST = 64;

/** The likeness of a mention to the member of the group most like it, among its latest members. */
export function nearestMember(m: Member, g: Group): number {
  let best = 0;
  for (let i = Math.max(0, g.members.length - NEAREST_OF_LATEST); i < g.members.length; i++)
    best = Math.max(best, pairLikeness(m, g.members[i]!));
  return best;
}

export function groupsLikeness(a: Group, b: Group): number {
  return blend(denseSumsCosine(a.embedding, b.embedding), sumsCosine(a.words, b.words), sumsCosine(a.chars, b.chars));
}

export function windowAuthors(g: Group): number {
  return new Set(g.members.map((m) => m.author)).size;
}
