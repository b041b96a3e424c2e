import { distinguishingWords } from './distinguishing-words.js';
import { draftEntry, cleanedSamples, type DraftEntry } from './draft-entry.js';
import {
  addMember,
  groupsLikeness,
  likeness,
  nearestMember,
  newGroup,
  windowAuthors,
  type EmergingMention,
  type Group,
  type Member,
} from './emerging-group.js';
import { mentionTerms, toUnit, type SparseVector } from './mention-terms.js';
import { mergeThreshold, RAISED_EASE } from './raised-pull.js';
import { threadLinks } from './thread-links.js';

export type { EmergingMention };

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

/** What the team is told about a raised group. */
export interface RaisedGroup {
  groupId: number;
  raisedAt: number;
  /** Mentions and distinct authors in the group so far. */
  size: number;
  authors: number;
  words: string[];
  /** Five cleaned texts, the most typical first. */
  samples: string[];
  draft: DraftEntry;
}

export interface EmergingGrouper {
  /** Takes one mention in (in time order); says its group and whether that group was raised by it. */
  add(mention: EmergingMention): { groupId: number; raised?: RaisedGroup };
  /** The group a mention ended in (after merges), while it is remembered. */
  groupOf(key: string): number | undefined;
  /** A raised group as it is now (it keeps growing after it was raised). */
  describe(groupId: number): RaisedGroup | undefined;
  raisedIds(): number[];
}

/**
 * Groups handed-off mentions as they come, without re-clustering: each newcomer is compared with the
 * live groups' centroids (sentence embedding, rarity-weighted words, character 4-grams, and a bonus
 * for replying under a post the group shares) and joins the likeliest or starts its own; mentions
 * leave as the window slides; groups that come to look alike merge. A group is raised once when it
 * holds enough mentions from enough distinct authors within the window.
 */
export function createEmergingGrouper(options: Partial<EmergingOptions> = {}): EmergingGrouper {
  const o = { ...EMERGING_DEFAULTS, ...options };
  const groups = new Map<number, Group>();
  const alias = new Map<number, number>();
  const groupOfKey = new Map<string, number>();
  const window: Member[] = [];
  const stemCount = new Map<string, number>();
  const keyCount = new Map<number, number>();
  const raised = new Map<number, Group>();
  /** Each raised group as described when it held the most mentions in the window (it may hold none now). */
  const described = new Map<number, RaisedGroup>();
  const peak = new Map<number, number>();
  let nextId = 1;

  const resolve = (id: number): number => {
    let r = id;
    while (alias.has(r)) r = alias.get(r)!;
    if (r !== id) alias.set(id, r);
    return r;
  };
  const count = <K>(m: Map<K, number>, k: K, by: number) => {
    const n = (m.get(k) ?? 0) + by;
    if (n > 0) m.set(k, n);
    else m.delete(k);
  };

  function vectors(m: EmergingMention, terms: ReturnType<typeof mentionTerms>): Member['vectors'] {
    const words: SparseVector = new Map();
    const n = window.length + 1;
    for (const k of terms.wordKeys) words.set(k, Math.log((n + 1) / ((keyCount.get(k) ?? 0) + 1)) + 1);
    const chars: SparseVector = new Map();
    for (const [k, c] of terms.charKeys) chars.set(k, Math.sqrt(c));
    return { ...(m.embedding ? { embedding: m.embedding } : {}), words: toUnit(words), chars: toUnit(chars) };
  }

  function slide(now: number) {
    const from = now - o.windowMs;
    while (window.length > 0 && window[0]!.at < from) {
      const old = window.shift()!;
      for (const s of new Set(old.terms.stems)) count(stemCount, s, -1);
      for (const k of old.terms.wordKeys) count(keyCount, k, -1);
      const gid = groupOfKey.get(old.key);
      const g = gid === undefined ? undefined : groups.get(resolve(gid));
      if (!o.rememberAll && gid !== undefined) groupOfKey.delete(old.key);
      if (!g) continue;
      const at = g.members.indexOf(old);
      if (at >= 0) {
        g.members.splice(at, 1);
        addMember(g, old, -1);
      }
      if (g.members.length === 0) groups.delete(g.id);
    }
  }

  function mergeAlike(g: Group): Group {
    for (const other of groups.values()) {
      const mergeAt = mergeThreshold(g, other, g.embedding.sum && other.embedding.sum ? o.mergeAt : o.textMergeAt, o.raisedEase, o.minSize);
      if (other === g || groupsLikeness(g, other) < mergeAt) continue;
      const [keep, gone] = other.joined >= g.joined ? [other, g] : [g, other];
      for (const m of gone.members) addMember(keep, m, 1);
      keep.members = [...keep.members, ...gone.members].sort((a, b) => a.at - b.at);
      keep.joined += gone.joined;
      for (const a of gone.authorsEver) keep.authorsEver.add(a);
      keep.raisedAt ??= gone.raisedAt;
      if (gone.raisedAt !== undefined) raised.delete(gone.id);
      if (keep.raisedAt !== undefined) raised.set(keep.id, keep);
      groups.delete(gone.id);
      alias.set(gone.id, keep.id);
      return keep;
    }
    return g;
  }

  function snapshot(g: Group): RaisedGroup {
    const byLikeness = [...g.members].sort((a, b) => likeness(b, g) - likeness(a, g));
    const words = distinguishingWords(g.members, stemCount, window.length);
    const texts = byLikeness.map((m) => m.text);
    const now: RaisedGroup = {
      groupId: g.id,
      raisedAt: g.raisedAt ?? 0,
      size: g.joined,
      authors: g.authorsEver.size,
      words,
      samples: cleanedSamples(texts, 5),
      draft: draftEntry(words, texts),
    };
    if (g.raisedAt !== undefined) described.set(g.id, now);
    return now;
  }

  return {
    add(mention) {
      slide(mention.at);
      const terms = mentionTerms(mention.text);
      const member: Member = {
        ...mention,
        terms,
        vectors: vectors(mention, terms),
        links: threadLinks(mention.text, mention.author, mention.replyTo),
      };
      let best: Group | undefined;
      const [joinAt, nearAt] = mention.embedding ? [o.joinAt, o.nearAt] : [o.textJoinAt, o.textNearAt];
      let bestScore = joinAt;
      for (const g of groups.values()) {
        const s = likeness(member, g);
        if (s >= bestScore && nearestMember(member, g) >= nearAt) [best, bestScore] = [g, s];
      }
      let g = best ?? newGroup(nextId++);
      groups.set(g.id, g);
      g.members.push(member);
      g.joined++;
      g.authorsEver.add(member.author);
      addMember(g, member, 1);
      window.push(member);
      for (const s of new Set(terms.stems)) count(stemCount, s, 1);
      for (const k of terms.wordKeys) count(keyCount, k, 1);
      groupOfKey.set(member.key, g.id);
      if (g.members.length > 1) g = mergeAlike(g);
      if (g.raisedAt === undefined && g.members.length >= o.minSize && windowAuthors(g) >= o.minAuthors) {
        g.raisedAt = mention.at;
        raised.set(g.id, g);
        peak.set(g.id, g.members.length);
        return { groupId: g.id, raised: snapshot(g) };
      }
      if (g.raisedAt !== undefined && g.members.length > (peak.get(g.id) ?? 0)) {
        peak.set(g.id, g.members.length);
        snapshot(g);
      }
      return { groupId: g.id };
    },
    groupOf(key) {
      const id = groupOfKey.get(key);
      return id === undefined ? undefined : resolve(id);
    },
    describe(groupId) {
      const g = raised.get(resolve(groupId));
      if (!g) return undefined;
      const best = described.get(g.id);
      return best ? { ...best, size: g.joined, authors: g.authorsEver.size } : snapshot(g);
    },
    raisedIds: () => [...raised.keys()],
  };
}
