import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleKnowledge, postJson, startService, type RunningService } from '../../helpers/start-service.js';
import { brokenEdits, publishSeen, sandboxReply } from './knowledge-edits.js';

const base = readFileSync(exampleKnowledge, 'utf8');
const fixed = base.replace('we know about the login problem in the app', 'the app is back up since 10:42');
const PASSWORD = 'correct horse battery';

describe('knowledge editor API on the running service', () => {
  let service: RunningService;
  let file: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-editor-')), 'knowledge.yaml');
    writeFileSync(file, base);
    // No file watcher: whatever goes live here, a publish put it live.
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false' });
    for (const [name, roles] of [
      ['mia', ['editor']],
      ['ann', ['agent']],
      ['root', ['admin']],
    ] as const) {
      await service.app.access.users.saveUser(name, [...roles], PASSWORD);
      const res = await fetch(`${service.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      cookies[name] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  }, 60_000);
  afterAll(async () => service?.dispose());

  const as = (user: string) => ({ cookie: cookies[user]! });
  const get = async (url: string, user = 'mia') => {
    const res = await fetch(`${service.url}${url}`, { headers: user ? as(user) : {} });
    return { status: res.status, body: (await res.json()) as any };
  };
  const post = (url: string, body: unknown, user = 'mia') => postJson(`${service.url}${url}`, body, user ? as(user) : {});

  const replyTo = (text: string) => sandboxReply(service.url, text);

  it('needs the editor role: 401 signed out, 403 for an agent, admins and editors in', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/knowledge'],
      ['GET', '/api/knowledge/history'],
      ['GET', '/api/knowledge/history/1'],
      ['POST', '/api/knowledge/check', { text: base }],
      ['POST', '/api/knowledge/preview', { mention: 'hi', channel: 'sandbox' }],
      ['POST', '/api/knowledge/publish', { text: fixed }],
      ['POST', '/api/knowledge/diff', { text: fixed }],
      ['POST', '/api/knowledge/rollback', { version: 1 }],
    ];
    for (const [method, url, body] of routes) {
      const call = (user: string) => (method === 'GET' ? get(url, user) : post(url, body, user));
      expect((await call('')).status, `${method} ${url} signed out`).toBe(401);
      expect((await call('ann')).status, `${method} ${url} as agent`).toBe(403);
    }
    expect((await get('/api/knowledge', 'root')).status).toBe(200);
    // Nothing the agent tried was published.
    expect(readFileSync(file, 'utf8')).toBe(base);
  });

  it('describes its routes in the OpenAPI document, each for the editor role', async () => {
    const doc = (await get('/openapi.json', '')).body;
    for (const [url, method] of [
      ['/api/knowledge', 'get'],
      ['/api/knowledge/check', 'post'],
      ['/api/knowledge/preview', 'post'],
      ['/api/knowledge/publish', 'post'],
      ['/api/knowledge/diff', 'post'],
      ['/api/knowledge/history', 'get'],
      ['/api/knowledge/history/{version}', 'get'],
      ['/api/knowledge/rollback', 'post'],
    ]) {
      expect(doc.paths[url!]?.[method!], `${method} ${url}`).toMatchObject({ 'x-role': 'editor', responses: { 401: {}, 403: {} } });
    }
    expect(doc.paths['/api/knowledge/publish'].post.requestBody.content['application/json'].schema.required).toEqual(['text']);
    expect(doc.paths['/api/knowledge/publish'].post.responses['422']).toBeDefined();
  });

  it('shows the live file, its entries (active now or not), version and status', async () => {
    const { status, body } = await get('/api/knowledge');
    expect(status).toBe(200);
    expect(body.text).toBe(base);
    expect(body.version).toMatchObject({ version: 1, author: 'file', message: 'first version' });
    expect(body.channels).toContain('sandbox');
    // The form previews replies against the service's own limits.
    expect(body.limits.sandbox).toEqual({ maxLength: expect.any(Number), weighted: false, urlLength: null });
    const byId = Object.fromEntries(body.entries.map((e: any) => [e.id, e]));
    expect(byId['app-outage']).toMatchObject({ kind: 'incident', title: 'App login failures', active: true, channels: null });
    expect(byId['parcel-delays']).toMatchObject({ active: true, window: { start: '2026-01-01T00:00:00.000Z' } });
    // The example's campaign has no window: it never expires under a new user.
    expect(byId['black-friday']).toMatchObject({ active: true, window: null });
  });

  it('previews a mention with the live file or a draft, without publishing the draft', async () => {
    const live = await post('/api/knowledge/preview', { mention: 'the app is down again', channel: 'sandbox' });
    expect(live.body).toMatchObject({ decision: 'answered', entryId: 'app-outage', reply: { kind: 'answer' } });
    expect(live.body.reply.text).toContain('we know about the login problem');
    expect(live.body.why).toMatch(/answers with "app-outage"/);
    const draft = await post('/api/knowledge/preview', { text: fixed, mention: 'the app is down again', channel: 'sandbox' });
    expect(draft.body.reply.text).toContain('the app is back up since 10:42');
    const other = await post('/api/knowledge/preview', { mention: 'why was I charged twice?', channel: 'sandbox' });
    expect(other.body).toMatchObject({ decision: 'handed_off', reply: { kind: 'acknowledgement' } });
    // The editor reads why in words: the closest entry and what kept the bot from it.
    expect(other.body.why).toMatch(/^acknowledges and hands off to a person: .*"(app-outage|parcel-delays|black-friday)"/);
    expect((await post('/api/knowledge/preview', { mention: 'hi', channel: 'myspace' })).status).toBe(400);
    expect(await replyTo('the app is down again')).toContain('we know about the login problem');
  });

  it('refuses broken versions with line and column while the live one keeps answering', async () => {
    for (const [text, message] of brokenEdits(base)) {
      const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
      const checked = await post('/api/knowledge/check', { text });
      expect(checked.body.ok).toBe(false);
      const res = await publishSeen(service.url, { text, message: 'should not go live' }, as('mia'));
      expect(res.status).toBe(422);
      const problem = res.body.problems.find((p: { message: string }) => message.test(p.message));
      expect(problem, JSON.stringify(res.body.problems)).toBeDefined();
      expect(problem.line).toBeGreaterThan(1);
      expect(problem.column).toBeGreaterThan(0);
      expect(checked.body.errors).toContainEqual(
        expect.objectContaining({ message: problem.message, line: problem.line, column: problem.column }),
      );
      if (/window/.test(problem.message)) expect(problem.line).toBe(line('end: 2026-12-01T00:00:00Z'));
      if (/test case/.test(problem.message)) expect(problem.line).toBe(line('the app is down again??'));
      const status = (await get('/api/knowledge')).body;
      expect(status.status.lastError).toMatchObject({
        source: 'publish',
        problems: expect.arrayContaining([expect.objectContaining({ line: problem.line, column: problem.column })]),
      });
      expect(status.text).toBe(base);
    }
    expect(readFileSync(file, 'utf8')).toBe(base);
    expect((await get('/api/knowledge/history')).body.versions).toHaveLength(1);
    expect(await replyTo('the app is down again')).toContain('we know about the login problem');
  }, 60_000);

  it('checks a draft for errors and warnings together, each at its line', async () => {
    // Two examples of the app outage left: too few, a warning.
    const text = base
      .replace('expect: app-outage', 'expect: handoff')
      .replace(
        /^ {6}- (your app keeps crashing|the app won't let me sign in|login keeps failing on the app|the app shows an error every time I try to log in|is the app down for everyone\?)\n/gm,
        '',
      );
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const { body } = await post('/api/knowledge/check', { text });
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual([expect.objectContaining({ path: 'entries.1.tests.0', line: lineOf('the app is down again??') })]);
    expect(body.warnings).toContainEqual(
      expect.objectContaining({
        path: 'entries.1.examples',
        line: lineOf('- the app is down again'),
        message: expect.stringMatching(/only 2 example phrasings/),
      }),
    );
    expect((await get('/api/knowledge')).body.text).toBe(base);
  });

  it('shows what a publish changes, entry by entry, and refuses a publish whose diff was not shown (issue 23)', async () => {
    const draft = fixed.replace('    title: Black Friday promotion\n', '    title: Black Friday deals\n');
    const diff = await post('/api/knowledge/diff', { text: draft });
    expect(diff.status).toBe(200);
    expect(diff.body.baseVersion).toBe(1);
    expect(diff.body.check.ok).toBe(true);
    expect(diff.body.general).toEqual([]);
    expect(diff.body.entries).toEqual([
      {
        id: 'app-outage',
        change: 'changed',
        fields: [
          { field: 'reply', before: expect.stringContaining('we know about'), after: expect.stringContaining('back up since 10:42') },
        ],
      },
      {
        id: 'black-friday',
        change: 'changed',
        fields: [{ field: 'title', before: 'Black Friday promotion', after: 'Black Friday deals' }],
      },
    ]);
    const refused = [
      [{ text: draft }, /look at the diff before publishing/],
      [{ text: draft, shown: { ...diff.body.shown, draft: diff.body.shown.base } }, /text changed since its diff/],
      [{ text: draft, shown: { ...diff.body.shown, base: diff.body.shown.draft } }, /another version went live/],
    ] as const;
    for (const [body, message] of refused) {
      const res = await post('/api/knowledge/publish', body);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, message: expect.stringMatching(message) });
    }
    expect(readFileSync(file, 'utf8')).toBe(base);
    const unreadable = await post('/api/knowledge/diff', { text: 'entries: [' });
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.errors[0]).toMatchObject({ line: 1 });
  });

  it('publishes a valid edit live at once, records who and what, and rolls back to the previous answers', async () => {
    const res = await publishSeen(service.url, { text: fixed, message: 'login fixed' }, as('mia'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      unchanged: false,
      version: { version: 2, author: 'mia', message: 'login fixed', summary: { changed: ['app-outage'], added: [], removed: [] } },
    });
    // Live at once (nothing watches the file here).
    expect(await replyTo('the app is down again')).toContain('the app is back up since 10:42');
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    const view = (await get('/api/knowledge')).body;
    expect(view.version.version).toBe(2);
    expect(view.status.lastError).toBeUndefined();

    const history = (await get('/api/knowledge/history')).body.versions;
    expect(history.map((v: any) => [v.version, v.author])).toEqual([
      [2, 'mia'],
      [1, 'file'],
    ]);
    expect((await get('/api/knowledge/history/1')).body.version.text).toBe(base);
    expect((await get('/api/knowledge/history/7')).status).toBe(404);

    const back = await post('/api/knowledge/rollback', { version: 1 }, 'root');
    expect(back.status).toBe(200);
    expect(back.body.version).toMatchObject({ version: 3, author: 'root', message: 'rollback to 1', summary: { changed: ['app-outage'] } });
    expect(await replyTo('the app is down again')).toContain('we know about the login problem');
    expect(readFileSync(file, 'utf8')).toBe(base);
    expect((await post('/api/knowledge/rollback', { version: 42 })).status).toBe(404);
  }, 60_000);

  it('shows an edit of the file that was refused, with file, line and column', async () => {
    const notified: string[] = [];
    const stop = service.knowledge.onRejected((error, source) =>
      notified.push(`${source} ${error.problems[0]!.line}:${error.problems[0]!.column}`),
    );
    writeFileSync(file, base.replace('expect: app-outage', 'expect: handoff'));
    await expect(service.knowledge.reload()).rejects.toThrow(/expected handoff/);
    stop();
    const { status } = (await get('/api/knowledge')).body;
    expect(status.lastError).toMatchObject({ source: 'file', message: expect.stringContaining(`${file}:`) });
    expect(status.lastError.problems[0]).toMatchObject({
      path: 'entries.1.tests.0',
      line: base.split('\n').findIndex((l) => l.includes('the app is down again??')) + 1,
    });
    // The notification hook heard it too, with the same place.
    expect(notified).toEqual([`file ${status.lastError.problems[0].line}:${status.lastError.problems[0].column}`]);
    // The file put back as it is live: nothing to retrain, and the rejection is over.
    writeFileSync(file, base);
    await service.knowledge.reload();
    expect((await get('/api/knowledge')).body.status.lastError).toBeUndefined();
  });
});
