/** The window's stem counts and size at some moment. */
export interface WindowCounts {
  stems: ReadonlyMap<string, number>;
  size: number;
}

/**
 * Raised groups at a new peak whose description waits until a member leaves or it is asked for (a
 * wave's group peaks with nearly every mention: describing it each time cost its size per mention).
 * The description must read the window as it was at the peak, so the changes since are kept here and
 * taken back when it is made.
 */
export class PendingPeaks {
  private readonly pending = new Map<number, { stems: Map<string, number>; size: number }>();

  /** The group is at a new peak now. */
  mark(groupId: number): void {
    this.pending.set(groupId, { stems: new Map(), size: 0 });
  }

  /** The group merged into another: its description is no longer asked for. */
  forget(groupId: number): void {
    this.pending.delete(groupId);
  }

  /** The window took in (1) or let go (-1) one mention with these stems (each once). */
  counted(stems: Iterable<string>, by: 1 | -1): void {
    for (const p of this.pending.values()) {
      p.size += by;
      for (const s of stems) p.stems.set(s, (p.stems.get(s) ?? 0) + by);
    }
  }

  /** Ends the group's wait: the window's counts as they were at its peak; undefined when it was not waiting. */
  take(groupId: number, now: WindowCounts): WindowCounts | undefined {
    const p = this.pending.get(groupId);
    if (!p) return undefined;
    this.pending.delete(groupId);
    const stems = new Map(now.stems);
    for (const [s, d] of p.stems) stems.set(s, (stems.get(s) ?? 0) - d);
    return { stems, size: now.size - p.size };
  }
}
