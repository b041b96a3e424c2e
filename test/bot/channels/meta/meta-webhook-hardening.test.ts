import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMetaChannel } from '../../../../bot/channels/meta/meta-channel.js';
import { platformService, storedMentions } from '../../../helpers/platform-service.js';
import type { RunningService } from '../../../helpers/start-service.js';

const SECRET = 'meta-app-secret-for-hardening';
const env = {
  META_APP_SECRET: SECRET,
  META_VERIFY_TOKEN: 'verify-me',
  META_PAGE_ACCESS_TOKEN: 'page-token',
  META_GRAPH_URL: 'https://graph.facebook.test',
};
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const PAGE = '104000000000001';

function comment(id: string, over: Record<string, unknown> = {}) {
  const v: Record<string, unknown> = {
    item: 'comment',
    verb: 'add',
    comment_id: id,
    post_id: `${PAGE}_990000000000001`,
    parent_id: `${PAGE}_990000000000001`,
    from: { id: '7100000000000042', name: 'Ann Example' },
    message: `my parcel is late ${id}`,
    created_time: 1795467600,
    ...over,
  };
  for (const [k, val] of Object.entries(over)) if (val === undefined) delete v[k];
  return { field: 'feed', value: v };
}
const pageDelivery = (...changes: unknown[]) => JSON.stringify({ object: 'page', entry: [{ id: PAGE, time: 1795467600, changes }] });

async function post(s: RunningService, body: string) {
  const res = await fetch(`${s.url}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('issue 14 findings 1 and 5 — Meta deliveries checked per comment', () => {
  const start = platformService(env, (settings) => createMetaChannel(settings.meta!));

  it('finding 1: the verification echoes only a short token, as text that is never sniffed', async () => {
    const { service: s } = await start();
    const verify = (challenge: string) =>
      fetch(`${s.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=${encodeURIComponent(challenge)}`);
    const ok = await verify('1158201444');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    for (const challenge of ['<script>alert(1)</script>', '{"object":"page"}', 'a b', 'x'.repeat(129)])
      expect((await verify(challenge)).status, challenge).toBe(400);
  });

  it('finding 5: malformed comments alone are refused with 400; the good comments of a mixed delivery are stored', async () => {
    const { service: s } = await start();
    const BAD: Record<string, unknown>[] = [
      { comment_id: '' },
      { comment_id: 880000000000001 },
      { comment_id: { a: 1 } },
      { message: 42 },
      { from: { id: 7100000000000042, name: 'Ann' } },
      { from: { id: '7100000000000042', name: { a: 1 } } },
      { created_time: 'yesterday' },
      { created_time: { a: 1 } },
      { post: { permalink_url: 'javascript:alert(1)' } },
    ];
    for (const over of BAD) {
      const res = await post(s, pageDelivery(comment('990000000000001_880000000000001', over)));
      expect(res.status, JSON.stringify(over)).toBe(400);
    }
    expect((await s.store.stats()).mentions).toEqual({});
    const mixed = pageDelivery(
      comment('990000000000001_1'),
      ...BAD.map((over, i) => comment(`990000000000001_9${i}`, over)),
      comment('990000000000001_2'),
    );
    expect(await post(s, mixed)).toEqual({ status: 200, body: { accepted: 2, duplicates: 0, refused: BAD.length } });
    expect((await storedMentions(s)).map((m) => m.platformId)).toEqual(['990000000000001_1', '990000000000001_2']);
  });

  it('finding 5: reactions, edits and photo-only comments are skipped, not refused; a body that is no delivery is a 400', async () => {
    const { service: s } = await start();
    const skipped = pageDelivery(
      { field: 'feed', value: { item: 'reaction', verb: 'add', reaction_type: 'like' } },
      comment('990000000000001_3', { message: undefined }),
    );
    expect(await post(s, skipped)).toEqual({ status: 200, body: { accepted: 0, duplicates: 0 } });
    for (const body of ['null', '[1]', JSON.stringify({ object: 'page', entry: 'x' })])
      expect((await post(s, body)).status, body).toBe(400);
  });

  it("finding 1: Facebook names are stored without invisible characters and bounded; Instagram usernames must be Instagram's", async () => {
    const { service: s } = await start();
    const name = `Ann\u202E \u200BExample ${'x'.repeat(200)}`;
    expect((await post(s, pageDelivery(comment('990000000000001_4', { from: { id: '7100000000000042', name } })))).status).toBe(200);
    const [stored] = await storedMentions(s);
    expect(stored!.author).toBe(`Ann Example ${'x'.repeat(52)}`);
    const ig = (username: unknown) =>
      JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: '17841400000000001',
            time: 1795467800,
            changes: [{ field: 'comments', value: { id: '17950000000000009', text: 'hi', from: { id: '17841400000000042', username } } }],
          },
        ],
      });
    for (const username of ['FREE GIFT CARDS https://phish.example', '\u202Eevil', 'a'.repeat(31), null])
      expect((await post(s, ig(username))).status, String(username)).toBe(400);
    expect((await post(s, ig('bob.example'))).status).toBe(200);
  });
});
