import { createHmac } from 'node:crypto';
import nock from 'nock';
import { fixture, rawFixture } from '../../../fixtures/load-fixture.js';
import type { PostedReply, StandInAnswer } from '../channel-contract.js';

export const THREADS_API = 'https://graph.threads.test';
export const THREADS_USER = '17841400000000077';
export const threadsEnv = {
  THREADS_USER_ID: THREADS_USER,
  THREADS_USERNAME: 'acme',
  THREADS_ACCESS_TOKEN: 'threads-token',
  THREADS_APP_SECRET: 'threads-app-secret-for-tests',
  THREADS_VERIFY_TOKEN: 'verify-me',
  THREADS_API_URL: THREADS_API,
  THREADS_RECONCILE_MINUTES: '0',
};

/** A form body as nock hands it over (a string, or already parsed). */
export const form = (body: unknown): Record<string, string> =>
  typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, string>);

/** Threads' answers to `threads_publish`: a media id, the app's limit reached (regain in 0 min), the media gone. */
function answer(kind: StandInAnswer, n: number): [number, nock.Body, Record<string, string>] {
  if (kind === 'ok') return [200, { id: String(18060000000000000n + BigInt(n)) }, {}];
  if (kind === 'rate_limited')
    return [
      400,
      fixture('threads', 'publish-limit-reached'),
      { 'x-business-use-case-usage': `{"${THREADS_USER}":[{"type":"threads","call_count":100,"estimated_time_to_regain_access":0}]}` },
    ];
  return [400, fixture('threads', 'media-not-found'), {}];
}

/**
 * The Threads API's two-step reply: containers are always created (nothing public yet), each publish
 * is answered with `answers` in order (the last repeated) and, when accepted, is a reply post.
 */
export function threadsStandIn(answers: StandInAnswer[]) {
  const posts: PostedReply[] = [];
  const containers = new Map<string, { text: string; replyTo: string }>();
  let publishes = 0;
  nock(THREADS_API)
    .post(`/v1.0/${THREADS_USER}/threads`)
    .times(50)
    .reply((_uri, body) => {
      const f = form(body);
      const id = String(17900000000000000n + BigInt(containers.size + 1));
      containers.set(id, { text: f.text!, replyTo: f.reply_to_id! });
      return [200, { id }];
    });
  nock(THREADS_API)
    .post(`/v1.0/${THREADS_USER}/threads_publish`)
    .times(50)
    .reply((_uri, body) => {
      const container = containers.get(form(body).creation_id!);
      if (!container) return [400, { error: { message: 'Invalid parameter', code: 100, error_subcode: 4279009 } }];
      publishes++;
      posts.push({ at: Date.now(), text: container.text, inReplyTo: container.replyTo });
      return answer(answers[publishes - 1] ?? answers[answers.length - 1]!, publishes);
    });
  return { posts, containers };
}

/** Posts a `replies` webhook delivery (the fixture, or `body`) signed with the app secret; resolves with the status. */
export async function deliverReplies(serviceUrl: string, body = rawFixture('threads', 'replies-webhook')): Promise<number> {
  const signature = `sha256=${createHmac('sha256', threadsEnv.THREADS_APP_SECRET).update(body).digest('hex')}`;
  const res = await fetch(`${serviceUrl}/webhooks/threads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  return res.status;
}
