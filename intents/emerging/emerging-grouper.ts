import { distinguishingWords } from './distinguishing-words.js';
import { draftEntry, cleanedSamples, type DraftEntry } from './draft-entry.js';
import {
  addMember,
  groupsLikeness,
  likeness,
  NEAREST_OF_LATEST,
  newGroup,
  windowAuthors,
  type EmergingMention,
  type Group,
  type Member,
} from './emerging-group.js';
import { CORROBORATION_EASE, loneWitnesses, vouchedFor } from './corroboration.js';
import { mentionTerms, toUnit, type SparseVector } from './mention-terms.js';
import { PendingPeaks, type WindowCounts } from './pending-peaks.js';
import { EMERGING_DEFAULTS, type EmergingOptions } from './emerging-options.js';
import { mergeThreshold } from './raised-pull.js';
import { threadLinks } from './thread-links.js';

export type { EmergingMention };

export { EMERGING_DEFAULTS, type EmergingOptions };

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
  /** A raised group's count and distinct authors so far, without describing it (cheap, for every growth). */
  counts(groupId: number): { size: number; authors: number } | undefined;
  raisedIds(): number[];
}

/** Members most like the group's centroid first, each likeness computed once (not per comparison). */
function byLikenessTo(g: Group): Member[] {
  const scored = g.members.map((m) => ({ m, s: likeness(m, g) }));
  return scored.sort((a, b) => b.s - a.s).map((x) => x.m);
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
  const pending = new PendingPeaks();
  const settle = (g: Group | undefined) => {
    const then = g && pending.take(g.id, { stems: stemCount, size: window.length });
    if (then) snapshot(g!, then);
  };
  const groupOf = (m: Member) => groups.get(resolve(groupOfKey.get(m.key) ?? 0));
  const settleGroupOf = (m: Member) => settle(groupOf(m));
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
      settleGroupOf(window[0]!);
      const old = window.shift()!;
      const stems = new Set(old.terms.stems);
      for (const s of stems) count(stemCount, s, -1);
      pending.counted(stems, -1);
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

  /** A mention alone in its group moves to a new one (its own group goes, as in a merge). */
  function adopt(g: Group, m: Member) {
    const from = groupOf(m)!;
    groups.delete(from.id);
    pending.forget(from.id);
    alias.set(from.id, g.id);
    g.members = [...g.members, m].sort((a, b) => a.at - b.at);
    g.joined++;
    g.authorsEver.add(m.author);
    addMember(g, m, 1);
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
      pending.forget(gone.id);
      alias.set(gone.id, keep.id);
      return keep;
    }
    return g;
  }

  function snapshot(g: Group, at: WindowCounts = { stems: stemCount, size: window.length }): RaisedGroup {
    const byLikeness = byLikenessTo(g);
    const words = distinguishingWords(g.members, at.stems, at.size);
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
      const lone: { member: Member; likeness: number }[] = [];
      const witnessAt = nearAt - CORROBORATION_EASE;
      for (const g of groups.values()) {
        const s = likeness(member, g);
        if (s >= witnessAt && g.members.length === 1 && g.raisedAt === undefined) lone.push({ member: g.members[0]!, likeness: s });
        if (s >= bestScore && vouchedFor(member, g.members, nearAt, NEAREST_OF_LATEST)) [best, bestScore] = [g, s];
      }
      const witnesses = best
        ? []
        : loneWitnesses(
            member,
            lone.sort((a, b) => a.member.at - b.member.at),
            nearAt,
          );
      let g = best ?? newGroup(nextId++);
      groups.set(g.id, g);
      for (const w of witnesses) adopt(g, w);
      g.members.push(member);
      g.joined++;
      g.authorsEver.add(member.author);
      addMember(g, member, 1);
      window.push(member);
      const stems = new Set(terms.stems);
      for (const s of stems) count(stemCount, s, 1);
      pending.counted(stems, 1);
      for (const k of terms.wordKeys) count(keyCount, k, 1);
      groupOfKey.set(member.key, g.id);
      if (g.members.length > 1) g = mergeAlike(g);
      if (g.raisedAt === undefined && g.members.length >= o.minSize && windowAuthors(g) >= o.minAuthors) {
        g.raisedAt = mention.at;
        raised.set(g.id, g);
        peak.set(g.id, g.members.length);
        return { groupId: g.id, raised: snapshot(g) };
      }
      // A new description when it has grown by a quarter (a wave longer than the window would
      // otherwise be described at every newcomer, as each join is a peak and each leave takes it).
      if (g.raisedAt !== undefined && g.members.length >= Math.ceil((peak.get(g.id) ?? 0) * 1.25)) {
        peak.set(g.id, g.members.length);
        pending.mark(g.id);
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
      settle(g);
      const best = described.get(g.id);
      return best ? { ...best, size: g.joined, authors: g.authorsEver.size } : snapshot(g);
    },
    counts(groupId) {
      const g = raised.get(resolve(groupId));
      return g && { size: g.joined, authors: g.authorsEver.size };
    },
    raisedIds: () => [...raised.keys()],
  };
}
