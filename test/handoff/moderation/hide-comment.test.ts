import { createHmac } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createMetaChannel } from '../../../bot/channels/meta/meta-channel.js';
import { threadKey } from '../../../handoff/thread-key.js';
import { fixture } from '../../fixtures/load-fixture.js';
import { platformService, storedMentions } from '../../helpers/platform-service.js';
import { waitFor } from '../../helpers/start-service.js';
import { agentClient } from '../api/agent-client.js';

const SECRET = 'meta-app-secret-for-tests';
const GRAPH = 'https://graph.facebook.test';
const env = { META_APP_SECRET: SECRET, META_VERIFY_TOKEN: 'verify-me', META_PAGE_ACCESS_TOKEN: 'page-token', META_GRAPH_URL: GRAPH };
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const FB_COMMENT = '990000000000001_880000000000001';
const IG_COMMENT = '17950000000000001';

/** Issue 20, moderation: an agent hides a customer's Facebook or Instagram comment; Meta's API is the stand-in. */
describe('hiding a comment from the console (Meta stand-in)', () => {
  const startWith = platformService(env, (s) => createMetaChannel(s.meta!));

  async function started() {
    // The bot's own replies under the comments.
    nock(GRAPH)
      .post(/^\/v23\.0\/[^/]+\/(comments|replies)$/)
      .times(10)
      .reply(200, () => ({ id: `990000000000001_7700000000${Math.floor(Math.random() * 1e5)}` }));
    const { service } = await startWith();
    for (const name of ['page-feed-comment', 'instagram-comment']) {
      const body = JSON.stringify(fixture('meta', name));
      const res = await fetch(`${service.url}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
        body,
      });
      expect(res.status).toBe(200);
    }
    await waitFor(async () => ((await storedMentions(service)).length === 2 ? true : undefined), 5000, 'both comments stored');
    const stored = await storedMentions(service);
    const keyOf = (platformId: string) => {
      const m = stored.find((s) => s.platformId === platformId)!;
      return threadKey(m.channel, m.threadId);
    };
    return { service, ann: await agentClient(service, 'ann'), fb: keyOf(FB_COMMENT), ig: keyOf(IG_COMMENT) };
  }

  it('hides and shows a Page comment and an Instagram comment, each recorded with who did it and shown in the thread', async () => {
    const { ann, fb, ig } = await started();
    const calls: { path: string; body: unknown }[] = [];
    nock(GRAPH)
      .post(/^\/v23\.0\/[\w]+$/)
      .times(3)
      .reply(200, (path, body) => {
        calls.push({ path, body });
        return { success: true };
      });

    const hidden = await ann.call('POST', `/api/threads/${fb}/comments/${FB_COMMENT}/hide`);
    expect(hidden).toEqual({ status: 200, body: { hidden: true } });
    const view = (await ann.call('GET', `/api/threads/${fb}`)).body;
    expect(view.canHide).toBe(true);
    expect(view.transcript.find((i: { platformId?: string }) => i.platformId === FB_COMMENT)).toMatchObject({
      from: 'customer',
      hidden: true,
    });
    expect(view.events.at(-1)).toMatchObject({ type: 'comment_hidden', actor: 'ann', data: { platformId: FB_COMMENT } });

    expect((await ann.call('POST', `/api/threads/${fb}/comments/${FB_COMMENT}/show`)).body).toEqual({ hidden: false });
    const after = (await ann.call('GET', `/api/threads/${fb}`)).body;
    expect(after.transcript.find((i: { platformId?: string }) => i.platformId === FB_COMMENT).hidden).toBeUndefined();
    expect(after.events.at(-1)).toMatchObject({ type: 'comment_shown', actor: 'ann' });

    expect((await ann.call('POST', `/api/threads/${ig}/comments/${IG_COMMENT}/hide`)).status).toBe(200);
    // Facebook takes is_hidden, Instagram hide: each on the comment's own id.
    expect(calls).toEqual([
      { path: `/v23.0/${FB_COMMENT}`, body: { is_hidden: true } },
      { path: `/v23.0/${FB_COMMENT}`, body: { is_hidden: false } },
      { path: `/v23.0/${IG_COMMENT}`, body: { hide: true } },
    ]);
  });

  it('says so when Meta refuses, records nothing; refuses unknown comments, bad ids and outsiders', async () => {
    const { service, ann, fb } = await started();
    nock(GRAPH)
      .post(`/v23.0/${FB_COMMENT}`)
      .reply(400, { error: { message: '(#10) Permission denied', type: 'OAuthException', code: 10 } });
    const refused = await ann.call('POST', `/api/threads/${fb}/comments/${FB_COMMENT}/hide`);
    expect(refused.status).toBe(502);
    expect(refused.body.message).toContain('the platform refused');
    const view = (await ann.call('GET', `/api/threads/${fb}`)).body;
    expect(view.events.some((e: { type: string }) => e.type === 'comment_hidden')).toBe(false);

    expect((await ann.call('POST', `/api/threads/${fb}/comments/990000000000001_000000000000009/hide`)).status).toBe(404);
    expect((await ann.call('POST', `/api/threads/${fb}/comments/${encodeURIComponent('a/b?c')}/hide`)).status).toBe(400);
    const outsider = await fetch(`${service.url}/api/threads/${fb}/comments/${FB_COMMENT}/hide`, { method: 'POST' });
    expect(outsider.status).toBe(401);
  });
});
