import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleKnowledge, postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

const base = readFileSync(exampleKnowledge, 'utf8');

describe('live knowledge reload', () => {
  let service: RunningService | undefined;
  afterEach(async () => service?.dispose());

  async function replyTo(text: string): Promise<string> {
    const res = await postJson(`${service!.url}/sandbox/mentions`, { author: `@u${Math.random().toString(36).slice(2, 8)}`, text });
    const posts = await waitFor(async () => {
      const t = (await (await fetch(`${service!.url}/sandbox/threads/${res.body.threadId}`)).json()) as { posts: { fromBrand: boolean; text: string }[] };
      return t.posts.some((p) => p.fromBrand) ? t.posts : undefined;
    }, 8000, 'a reply');
    return posts.find((p) => p.fromBrand)!.text;
  }

  async function knowledgeStatus() {
    return ((await (await fetch(`${service!.url}/readyz`)).json()) as { knowledge: { version: number; lastError?: { problems: { line: number; column: number; message: string }[] } } }).knowledge;
  }

  it('puts a valid edit live without a restart, and keeps answering from it when later edits are broken', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-live-'));
    const file = path.join(dir, 'knowledge.yaml');
    writeFileSync(file, base);
    service = await startService({ KNOWLEDGE_FILE: file });
    expect(await replyTo('the app is down again')).toContain('we know about the login problem');

    writeFileSync(file, base.replace('we know about the login problem in the app', 'the app is back up since 10:42'));
    await waitFor(async () => ((await knowledgeStatus()).version === 2 ? true : undefined), 8000, 'version 2');
    expect(await replyTo('the app is down again')).toContain('the app is back up since 10:42');

    const broken: [string, RegExp][] = [
      [base.replace('keywords: [app down, app not working', 'keywords: [app down, app not working,'), /flow|sequence|Missing|Unexpected|expected/i],
      [base.replace('      start: 2026-11-20T00:00:00Z\n      end: 2026-12-01T00:00:00Z', '      start: 2026-12-20T00:00:00Z\n      end: 2026-12-01T00:00:00Z'), /window ends before it starts/],
      [base.replace('Live updates: https://status.acme.example', `Live updates: https://status.acme.example ${'and more words '.repeat(40)}`), /characters on sandbox once filled in \(limit 500/],
      [base.replace('expect: app-outage', 'expect: parcel-delays'), /expected parcel-delays, the bot would answer with app-outage/],
    ];
    for (const [text, message] of broken) {
      writeFileSync(file, text);
      const rejected = await waitFor(async () => {
        const s = await knowledgeStatus();
        return s.lastError && message.test(s.lastError.problems.map((p) => p.message).join('\n')) ? s : undefined;
      }, 8000, `rejection matching ${message}`);
      expect(rejected.version).toBe(2);
      expect(rejected.lastError!.problems[0]!.line).toBeGreaterThan(1);
      expect(rejected.lastError!.problems[0]!.column).toBeGreaterThan(0);
      expect(await replyTo('the app is down again')).toContain('the app is back up since 10:42');
    }
  }, 90_000);
});
