import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createDrainLoop } from '../../bot/drain-loop.js';
import { StoreUnavailableError } from '../../store/store-unavailable.js';

describe('issue 14 finding 6 — the drain loops back off while the store is unavailable', () => {
  it('finding 6: a failing step is tried again after a rest that doubles, and the drain goes on once the store answers', async () => {
    const calls: number[] = [];
    let failuresLeft = 4;
    let drained = 0;
    const lines: { msg: string; retryInMs?: number }[] = [];
    const log = pino(
      { level: 'error' },
      { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string; retryInMs?: number }) },
    );
    const loop = createDrainLoop(
      async () => {
        calls.push(Date.now());
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new StoreUnavailableError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
        }
        // Then three items of work, one per step.
        return drained < 3 ? ++drained : 0;
      },
      { log, what: 'inbox', periodMs: 40, maxBackoffMs: 400 },
    );
    loop.start();
    // Wakes while resting do not bring the step back early (a webhook arriving, a reply queued).
    const waker = setInterval(() => loop.wake(), 5);
    try {
      const deadline = Date.now() + 5000;
      while (drained < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    } finally {
      clearInterval(waker);
      await loop.stop();
    }
    expect(drained).toBe(3);
    // The rests after the 1st, 2nd, 3rd and 4th failure in a row: about 40, 80, 160 and 320 ms.
    const gaps = calls.slice(1, 5).map((t, i) => t - calls[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(155);
    expect(gaps[3]).toBeGreaterThanOrEqual(315);
    expect(lines.map((l) => l.retryInMs)).toEqual([40, 80, 160, 320]);
  });
});
