import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { previewTurn, testCaseOutcome } from '../../../bot/turn/preview-turn.js';
import { checkKnowledge } from '../../../config/knowledge/check-knowledge.js';
import { createKnowledgeHistory, type KnowledgeHistory, StaleBaseError } from '../../../config/knowledge/knowledge-history.js';
import { createLiveKnowledge, type LiveKnowledge } from '../../../config/knowledge/live-knowledge.js';
import { KnowledgeError } from '../../../config/knowledge/load-knowledge.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { exampleKnowledge, waitFor } from '../../helpers/start-service.js';

const base = readFileSync(exampleKnowledge, 'utf8');
const edited = base.replace('we know about the login problem in the app', 'the app is back up since 10:42');

describe('knowledge history', () => {
  const open: { live: LiveKnowledge; history: KnowledgeHistory }[] = [];
  afterEach(() => {
    for (const { live, history } of open.splice(0)) {
      history.close();
      live.close();
    }
  });

  /** Live knowledge checked exactly as the service checks it, and its history in `dir`. */
  async function start(file: string, dir: string) {
    const understander = createKeywordUnderstander();
    const live = await createLiveKnowledge(file, understander, (k, locate, trained) =>
      checkKnowledge(k, locate, { runCase: (text, channel) => testCaseOutcome(trained, k, text, channel) }),
    );
    const history = await createKnowledgeHistory(dir, live);
    open.push({ live, history });
    const answer = async (text: string) =>
      (await live.withDraft(undefined, (k, u) => previewTurn(u, k, text, 'sandbox'))).reply?.text ?? '';
    return { live, history, answer };
  }

  function fresh() {
    const root = mkdtempSync(path.join(tmpdir(), 'fr-history-'));
    const file = path.join(root, 'knowledge.yaml');
    writeFileSync(file, base);
    return { file, dir: path.join(root, 'knowledge-history') };
  }

  it('records the first version, publishes with author, message and what changed, and rolls back', async () => {
    const { file, dir } = fresh();
    const { live, history, answer } = await start(file, dir);
    expect(await history.list()).toMatchObject([
      { version: 1, author: 'file', message: 'first version', summary: { added: ['parcel-delays', 'app-outage', 'black-friday'] } },
    ]);

    const published = await history.publish(edited.replace(/\n {2}- id: black-friday[\s\S]*$/, '\n'), 'mia', 'login fixed');
    expect(published.version).toMatchObject({
      version: 2,
      author: 'mia',
      message: 'login fixed',
      summary: { added: [], changed: ['app-outage'], removed: ['black-friday'], general: [] },
    });
    expect(readFileSync(file, 'utf8')).not.toContain('black-friday');
    expect(await answer('the app is down again')).toContain('the app is back up since 10:42');
    expect(live.status().sha256).toBe(published.version.sha256);

    const back = await history.rollback(1, 'lee');
    expect(back.version).toMatchObject({
      version: 3,
      author: 'lee',
      message: 'rollback to 1',
      summary: { added: ['black-friday'], changed: ['app-outage'], removed: [] },
    });
    expect(readFileSync(file, 'utf8')).toBe(base);
    expect(await answer('the app is down again')).toContain('we know about the login problem');
    expect((await history.get(3))!.text).toBe(base);
    expect((await history.list()).map((v) => v.version)).toEqual([3, 2, 1]);
    await expect(history.rollback(9, 'lee')).rejects.toThrow(/no version 9/);
  });

  it("refuses a publish made from a version that is no longer live: the other editor's version stays, nothing recorded", async () => {
    const { file, dir } = fresh();
    const { live, history } = await start(file, dir);
    const seen = live.status().sha256;
    // Two editors start from version 1; one publishes first.
    const first = await history.publish(edited, 'mia', 'login fixed', seen);
    expect(first.version.version).toBe(2);
    const second = history.publish(edited.replace(/\n {2}- id: black-friday[\s\S]*$/, '\n'), 'lee', 'no more black friday', seen);
    await expect(second).rejects.toBeInstanceOf(StaleBaseError);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(live.status().sha256).toBe(first.version.sha256);
    expect((await history.list()).map((v) => v.version)).toEqual([2, 1]);
    // From the version now live, it goes through.
    const third = await history.publish(
      edited.replace(/\n {2}- id: black-friday[\s\S]*$/, '\n'),
      'lee',
      'no more black friday',
      live.status().sha256,
    );
    expect(third.version).toMatchObject({ version: 3, summary: { removed: ['black-friday'] } });
  });

  it('refuses a version that fails a check with line and column: nothing recorded, written or live, and the rejection reported', async () => {
    const { file, dir } = fresh();
    const { live, history, answer } = await start(file, dir);
    const reported: string[] = [];
    live.onRejected((error, source) => reported.push(`${source}: ${error.problems[0]!.message}`));

    const failing = edited.replace('expect: app-outage', 'expect: parcel-delays');
    const error = await history.publish(failing, 'mia', 'oops').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(KnowledgeError);
    const problem = (error as KnowledgeError).problems[0]!;
    expect(problem).toMatchObject({
      path: 'entries.1.tests.0',
      line: failing.split('\n').findIndex((l) => l.includes('the app is down again??')) + 1,
    });
    expect(problem.column).toBeGreaterThan(1);
    expect(reported).toEqual([expect.stringMatching(/^publish: test case "the app is down again\?\?" on sandbox: expected parcel-delays/)]);
    expect(live.status().lastError).toMatchObject({ source: 'publish' });
    expect(readFileSync(file, 'utf8')).toBe(base);
    expect((await history.list()).map((v) => v.version)).toEqual([1]);
    expect(await answer('the app is down again')).toContain('we know about the login problem');
  });

  it('records nothing and keeps the live version when the file cannot be written', async () => {
    const { file, dir } = fresh();
    const { live, history, answer } = await start(file, dir);
    // The file replaced by a folder (with something in it): the rename onto it fails.
    rmSync(file);
    mkdirSync(file);
    writeFileSync(path.join(file, 'keep'), '');
    await expect(history.publish(edited, 'mia', 'login fixed')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    expect((await history.list()).map((v) => v.version)).toEqual([1]);
    expect(live.text()).toBe(base);
    expect(await answer('the app is down again')).toContain('we know about the login problem');
  });

  it('records edits made to the file itself, and ignores the watcher seeing its own publish', async () => {
    const { file, dir } = fresh();
    const { live, history } = await start(file, dir);
    const news: number[] = [];
    live.watch((result) => result.ok && news.push(result.status.version));
    await history.publish(edited, 'mia', 'login fixed');
    await new Promise((r) => setTimeout(r, 600));
    // The file event of the publish found the live text: no second reload, no second record.
    expect(news).toEqual([]);
    expect(live.status().version).toBe(2);

    writeFileSync(
      file,
      base.replace(
        'most delayed\n        parcels arrive within 3 working days',
        'most delayed\n        parcels arrive within 5 working days',
      ),
    );
    const recorded = await waitFor(async () => (await history.list()).find((v) => v.version === 3), 5000, 'the file edit recorded');
    expect(recorded).toMatchObject({
      author: 'file',
      message: 'changed in the file',
      summary: { changed: ['parcel-delays', 'app-outage'] },
    });
    expect(news).toEqual([3]);
  });

  it('keeps one history for instances sharing a file and its folder, and records at start only what is new', async () => {
    const { file, dir } = fresh();
    const first = await start(file, dir);
    const second = await start(file, dir);
    expect((await second.history.list()).length).toBe(1);

    const texts = [edited, base.replace('3 working days', '4 working days')];
    const [x, y] = await Promise.all([
      first.history.publish(texts[0]!, 'mia', 'from a'),
      second.history.publish(texts[1]!, 'lee', 'from b'),
    ]);
    expect([x.version.version, y.version.version].sort()).toEqual([2, 3]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toHaveLength(3);
    // Publishes took turns: the file holds the text recorded last.
    const last = (await first.history.list())[0]!;
    expect(readFileSync(file, 'utf8')).toBe((await first.history.get(last.version))!.text);

    // An instance watching the shared file follows another's publish, without recording it twice.
    second.live.watch();
    const third = texts[1]!.replace('4 working days', '2 working days');
    await first.history.publish(third, 'mia', 'faster');
    await waitFor(() => (second.live.text() === third ? true : undefined), 6000, 'the second instance to follow');
    await new Promise((r) => setTimeout(r, 300));
    expect((await second.history.list()).map((v) => [v.version, v.author])[0]).toEqual([4, 'mia']);
    second.live.close();

    // A restart finds the file as last recorded: nothing new. Edited while down: recorded.
    expect((await (await start(file, dir)).history.list()).length).toBe(4);
    writeFileSync(file, base.replace('3 working days', '6 working days'));
    const again = await start(file, dir);
    expect((await again.history.list())[0]).toMatchObject({
      version: 5,
      author: 'file',
      message: 'found in the file at start',
      summary: { changed: expect.arrayContaining(['parcel-delays']) },
    });
  });
});
