import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { previewTurn } from '../../../bot/turn/preview-turn.js';
import { createLiveKnowledge } from '../../../config/knowledge/live-knowledge.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { exampleKnowledge, startService, waitFor, type RunningService } from '../../helpers/start-service.js';
import { brokenEdits, sandboxReply } from './knowledge-edits.js';

const base = readFileSync(exampleKnowledge, 'utf8');

describe('live knowledge reload', () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.dispose();
    cookie = undefined;
  });

  const replyTo = (text: string) => sandboxReply(service!.url, text);

  let cookie: string | undefined;
  /** The live status as an editor sees it (GET /api/knowledge): the rejection's problems included. */
  async function knowledgeStatus() {
    if (!cookie) {
      await service!.app.access.users.saveUser('mia', ['editor'], 'correct horse battery');
      const res = await fetch(`${service!.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mia', password: 'correct horse battery' }),
      });
      cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    }
    return (
      (await (await fetch(`${service!.url}/api/knowledge`, { headers: { cookie } })).json()) as {
        status: { version: number; lastError?: { problems: { line: number; column: number; message: string }[] } };
      }
    ).status;
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

    for (const [text, message] of brokenEdits(base)) {
      writeFileSync(file, text);
      const rejected = await waitFor(
        async () => {
          const s = await knowledgeStatus();
          return s.lastError && message.test(s.lastError.problems.map((p) => p.message).join('\n')) ? s : undefined;
        },
        8000,
        `rejection matching ${message}`,
      );
      expect(rejected.version).toBe(2);
      expect(rejected.lastError!.problems[0]!.line).toBeGreaterThan(1);
      expect(rejected.lastError!.problems[0]!.column).toBeGreaterThan(0);
      expect(await replyTo('the app is down again')).toContain('the app is back up since 10:42');
    }
    // /readyz answers anyone who reaches the port: it says a version was refused, not where or what.
    const ready = (await (await fetch(`${service.url}/readyz`)).json()) as { knowledge: { lastError?: unknown } };
    expect(ready.knowledge.lastError).toEqual({ at: expect.any(String), source: 'file', problems: expect.any(Number) });
    expect(JSON.stringify(ready)).not.toContain(dir);
  }, 90_000);

  it('refuses one broken save once: the folder event and the poll that both see it say it once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-live-'));
    const file = path.join(dir, 'knowledge.yaml');
    writeFileSync(file, base);
    service = await startService({ KNOWLEDGE_FILE: file });
    const [text] = brokenEdits(base)[0]!;
    writeFileSync(file, text);
    const first = await waitFor(async () => (await knowledgeStatus()).lastError, 8000, 'the rejection');
    // The file is polled every 2 s besides the folder's events: past a poll, the same refusal stands.
    await new Promise((r) => setTimeout(r, 4500));
    expect((await knowledgeStatus()).lastError).toEqual(first);
  }, 30_000);

  it('retrains only when what the understanding learns from changes, not for replies, variables or test cases', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-live-'));
    const file = path.join(dir, 'knowledge.yaml');
    writeFileSync(file, base);
    const keyword = createKeywordUnderstander();
    let trainings = 0;
    const live = await createLiveKnowledge(file, {
      understand: (m) => keyword.understand(m),
      train: (entries) => (trainings++, keyword.train(entries)),
    });
    expect(trainings).toBe(1);
    const answer = async () =>
      (await live.withDraft(undefined, (k, u) => previewTurn(u, k, 'the app is down again', 'sandbox'))).reply!.text;

    const replyEdit = base
      .replace('we know about the login problem in the app', 'the app is back up since 10:42')
      .replace('expect: app-outage }', 'expect: app-outage }\n      - { text: "app not working", expect: app-outage }');
    expect(await live.check(replyEdit)).toEqual([]);
    await live.publish(replyEdit);
    expect(trainings).toBe(1);
    expect(await answer()).toContain('the app is back up since 10:42');

    // New examples: the draft is learned, then the live version again.
    await live.check(replyEdit.replace('- your app keeps crashing', '- your app keeps crashing\n      - the app shows a blank screen'));
    expect(trainings).toBe(3);
    live.close();
  });

  it('tries drafts on a fork of the understanding: live mentions are understood with the live file meanwhile', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-live-'));
    const file = path.join(dir, 'knowledge.yaml');
    writeFileSync(file, base);
    const understander = createKeywordUnderstander();
    const live = await createLiveKnowledge(file, understander);
    const draft = base.replace(
      'entries:\n',
      'entries:\n  - id: zebra-outage\n    kind: incident\n    title: Zebra down\n    keywords: ["zebra app"]\n    examples: ["the zebra app is down", "zebra app not loading", "cannot open the zebra app"]\n    reply: "Zebra is back soon."\n',
    );
    const mention = { text: 'the zebra app is down', channel: 'sandbox' };
    const seen = await live.withDraft(draft, async (_k, draftUnderstander) => ({
      draft: (await draftUnderstander.understand(mention)).entryId,
      // What a live mention gets while the draft is being tried.
      live: (await understander.understand(mention)).entryId,
    }));
    expect(seen.draft).toBe('zebra-outage');
    expect(seen.live).not.toBe('zebra-outage');
    expect(await live.check(draft)).toEqual([]);
    expect((await understander.understand(mention)).entryId).not.toBe('zebra-outage');
    // Published: now the live understanding knows it.
    await live.publish(draft);
    expect((await understander.understand(mention)).entryId).toBe('zebra-outage');
    live.close();
  });
});
