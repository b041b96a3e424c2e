import { createHmac } from 'node:crypto';
import nock from 'nock';
import { createMetaChannel } from '../../../../bot/channels/meta/meta-channel.js';
import { fixture, rawFixture } from '../../../fixtures/load-fixture.js';
import type { RunningService } from '../../../helpers/start-service.js';
import { channelContract, type ContractPlatform, type PostedReply, type StandInAnswer } from '../channel-contract.js';

const SECRET = 'meta-app-secret-for-contract';
const GRAPH = 'https://graph.facebook.test';
const env = { META_APP_SECRET: SECRET, META_VERIFY_TOKEN: 'verify-me', META_PAGE_ACCESS_TOKEN: 'page-token', META_GRAPH_URL: GRAPH };

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function deliver(service: RunningService, body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-hub-signature-256'] = signature;
  const status = (await fetch(`${service.url}/webhooks/meta`, { method: 'POST', headers, body })).status;
  return status;
}

/** Graph API answers to a reply post, as documented: an id, a throttle (code 32, regain in 0 min), a deleted object (100/33). */
function answer(kind: StandInAnswer, n: number): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, { id: `990000000000001_88000000000${String(1000 + n)}` }, {}];
  if (kind === 'rate_limited')
    return [
      400,
      fixture('meta', 'graph-throttled'),
      {
        'x-business-use-case-usage':
          '{"104000000000001":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":30,"estimated_time_to_regain_access":0}]}',
      },
    ];
  return [400, fixture('meta', 'graph-comment-deleted'), {}];
}

function graph(answers: StandInAnswer[]) {
  const posts: PostedReply[] = [];
  nock(GRAPH)
    .post(/^\/v23\.0\/[^/]+\/(comments|replies)$/)
    .times(50)
    .reply((uri, body) => {
      posts.push({ at: Date.now(), text: (body as { message: string }).message, inReplyTo: uri.split('/')[2]! });
      return answer(answers[posts.length - 1] ?? answers[answers.length - 1]!, posts.length);
    });
  return { posts };
}

/** A top-level Instagram comment asking about a late parcel (the fixture's is a reply about a charge). */
const instagramBody = () => {
  const delivery = fixture('meta', 'instagram-comment');
  const value = delivery.entry[0].changes[0].value;
  delete value.parent_id;
  value.text = 'my parcel is two weeks late';
  return JSON.stringify(delivery);
};

function metaContract(surface: 'facebook' | 'instagram'): ContractPlatform {
  const body = surface === 'facebook' ? rawFixture('meta', 'page-feed-comment') : instagramBody();
  const id = surface === 'facebook' ? '990000000000001_880000000000001' : '17950000000000001';
  return {
    name: surface,
    env,
    create: (s) => createMetaChannel(s.meta!),
    standIn: graph,
    async deliver({ service }) {
      const status = await deliver(service, body, sign(body));
      if (status !== 200) throw new Error(`the webhook answered ${status}`);
    },
    expected: {
      channel: 'meta',
      platformId: id,
      threadId: id,
      author: surface === 'facebook' ? 'Ann Example' : '@bob.example',
      text: 'my parcel is two weeks late',
    },
    replyUnder: id,
    async forged(start) {
      const { service } = await start();
      const statuses = [
        await deliver(service, body),
        await deliver(service, body, sign(body, 'not-the-secret')),
        await deliver(service, body, 'sha256=zz'),
        await deliver(service, body.replace('two weeks', 'six weeks'), sign(body)),
      ];
      return { service, statuses };
    },
  };
}

channelContract(metaContract('facebook'));
channelContract(metaContract('instagram'));
