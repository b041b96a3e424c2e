import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStore } from '../../../store/describe-store.js';
import { exampleKnowledge, startService, type RunningService } from '../../helpers/start-service.js';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

function logSink(): { stream: Writable; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { stream, lines };
}

const WARN = 40;
const INFO = 30;

describe('issue 18 — getting started: / and the start-up log', () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
  });

  it('finding 2: / redirects to the console', async () => {
    service = await startService();
    const res = await fetch(`${service.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console');
  });

  it('finding 2: the start-up line gives the console address, that no admin exists and how to make one, the store, the channels and the knowledge version', async () => {
    const log = logSink();
    service = await startService({ LOG_LEVEL: 'info' }, { logDestination: log.stream });
    const line = log.lines.find((l) => l.msg.startsWith('first-reply is listening'));
    expect(line, JSON.stringify(log.lines.map((l) => l.msg))).toBeDefined();
    expect(line!.level).toBe(INFO);
    expect(line!.msg).toContain(`console at ${service.url}/console`);
    expect(line!.msg).toContain('no admin yet: set ADMIN_PASSWORD (at least 10 characters)');
    expect(line!.msg).toContain('npm run cli -- users add <name> --role admin --password-stdin');
    expect(line!.msg).toContain(`store: SQLite ${path.join(path.resolve(service.dataDir), 'first-reply.db')}`);
    expect(line!.msg).toContain('channels: sandbox');
    expect(line!.msg).toContain('knowledge version 1 (0 warnings)');
    expect(line).toMatchObject({ admin: false, channels: ['sandbox'], knowledge: { version: 1, warnings: 0 } });
    // The example file's tones for x and Mastodon wait for those channels: no warning while they are off.
    expect(log.lines.filter((l) => l.level >= WARN)).toEqual([]);
  });

  it('finding 2: with ADMIN_PASSWORD it says an admin exists, and prints each knowledge warning at warn level', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'fr-startup-'));
    const file = path.join(folder, 'knowledge.yaml');
    // An entry whose window has ended: a warning, not an error.
    writeFileSync(
      file,
      readFileSync(exampleKnowledge, 'utf8').replace(
        '    title: Black Friday promotion\n',
        '    title: Black Friday promotion\n    window: { start: 2020-11-20T00:00:00Z, end: 2020-12-01T00:00:00Z }\n',
      ),
    );
    const log = logSink();
    service = await startService(
      { LOG_LEVEL: 'info', KNOWLEDGE_FILE: file, ADMIN_PASSWORD: 'a long admin password' },
      { logDestination: log.stream },
    );
    const line = log.lines.find((l) => l.msg.startsWith('first-reply is listening'))!;
    expect(line.msg).toContain('an admin can sign in');
    expect(line.msg).toContain('knowledge version 1 (1 warning)');
    const warnings = log.lines.filter((l) => l.level === WARN && l.msg.startsWith('knowledge warning'));
    expect(warnings.map((l) => l.msg)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^knowledge warning ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ entries\\.2\\.window\\.end: the window ended`,
        ),
      ),
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('a long admin password');
  });

  it('finding 2: a Redis store is named without its user or password', () => {
    expect(describeStore({ DATA_DIR: './data', REDIS_URL: 'redis://fr:s3cret@redis.internal:6379/2', REDIS_PREFIX: 'first-reply:' })).toBe(
      'Redis redis://redis.internal:6379/2 (keys under first-reply:)',
    );
    expect(describeStore({ DATA_DIR: './data', REDIS_URL: 'rediss://:s3cret@redis.internal', REDIS_PREFIX: 'p:' })).toBe(
      'Redis rediss://redis.internal (keys under p:)',
    );
  });
});
