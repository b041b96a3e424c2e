import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoutingError } from '../../../config/routing/load-routing.js';
import { createLiveRouting, type LiveRouting } from '../../../config/routing/live-routing.js';

const good = (team: string) => `version: 1\nrules:\n  - name: refunds\n    when: { topic: [refund] }\n    do: { team: ${team} }\n`;
const broken = 'version: 1\nrules:\n  - name: refunds\n    when: { topic: [refund] }\n    do: { team: Not A Team }\n';

describe('live routing file', () => {
  let dir: string;
  let live: LiveRouting | undefined;
  afterEach(() => {
    live?.close();
    live = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const fileWith = (text?: string) => {
    dir = mkdtempSync(path.join(tmpdir(), 'fr-routing-'));
    const file = path.join(dir, 'routing.yaml');
    if (text !== undefined) writeFileSync(file, text);
    return file;
  };

  it('starts with no rules when there is no file, and a publish creates it', async () => {
    const file = fileWith();
    live = await createLiveRouting(file);
    expect(live.current().rules).toEqual([]);
    const status = await live.publish(good('billing'));
    expect(status).toMatchObject({ version: 2, rules: 1 });
    expect(readFileSync(file, 'utf8')).toBe(good('billing'));
  });

  it('refuses to start on a broken file, with line and column', async () => {
    const file = fileWith(broken);
    const err = await createLiveRouting(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutingError);
    expect((err as RoutingError).problems[0]).toMatchObject({ line: 5, column: 17, path: 'rules.0.do.team' });
  });

  it('keeps the previous rules when the file is broken, and takes the next good one', async () => {
    const file = fileWith(good('billing'));
    live = await createLiveRouting(file);
    writeFileSync(file, broken);
    await expect(live.reload()).rejects.toBeInstanceOf(RoutingError);
    expect(live.current().rules[0]!.do.team).toBe('billing');
    expect(live.status()).toMatchObject({ version: 1, lastError: { source: 'file', problems: [{ line: 5, column: 17 }] } });
    writeFileSync(file, good('money'));
    await live.reload();
    expect(live.current().rules[0]!.do.team).toBe('money');
    expect(live.status().version).toBe(2);
    expect(live.status().lastError).toBeUndefined();
  });

  it('the watcher reloads an edited file and reports a broken one without dropping the rules', async () => {
    const file = fileWith(good('billing'));
    live = await createLiveRouting(file);
    const results: { ok: boolean }[] = [];
    let heard: () => void = () => {};
    live.watch((r) => {
      results.push(r);
      heard();
    });
    const next = () => new Promise<void>((resolve) => (heard = resolve));
    let waiting = next();
    writeFileSync(file, good('money'));
    await waiting;
    expect(live.current().rules[0]!.do.team).toBe('money');
    waiting = next();
    writeFileSync(file, broken);
    await waiting;
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(live.current().rules[0]!.do.team).toBe('money');
    expect(live.status().lastError?.problems[0]).toMatchObject({ line: 5, column: 17 });
  });

  it('a broken publish changes neither the file nor the live rules', async () => {
    const file = fileWith(good('billing'));
    live = await createLiveRouting(file);
    await expect(live.publish(broken)).rejects.toBeInstanceOf(RoutingError);
    expect(readFileSync(file, 'utf8')).toBe(good('billing'));
    expect(live.current().rules[0]!.do.team).toBe('billing');
    expect(live.status().lastError?.source).toBe('publish');
    expect(live.check(broken)[0]).toMatchObject({ line: 5, column: 17 });
    expect(live.check(good('x'))).toEqual([]);
  });
});
