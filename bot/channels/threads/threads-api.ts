import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';
import { metaSendError } from '../meta/meta-rate-limit.js';

export interface ThreadsApiOptions {
  apiUrl: string;
  version: string;
  userId: string;
  accessToken: string;
  timeoutMs?: number;
}

/** The fields read of every reply or mention: who wrote what, when, and where it sits in its conversation. */
export const MEDIA_FIELDS = 'id,text,username,timestamp,permalink,media_type,replied_to,root_post,is_reply_owned_by_me';

/**
 * The Threads API (graph.threads.net): reads of replies and mentions, and the two-step reply (a
 * container with `reply_to_id`, then `threads_publish`). The token goes in a header, never the URL.
 */
export function createThreadsApi(opts: ThreadsApiOptions) {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const base = `${opts.apiUrl}/${opts.version}`;
  const headers = { authorization: `Bearer ${opts.accessToken}` };

  async function call(what: string, method: 'GET' | 'POST', path: string, params: Record<string, string>): Promise<unknown> {
    const query = new URLSearchParams(params).toString();
    let res: HttpResponse;
    try {
      res =
        method === 'GET'
          ? await httpCall(`${base}${path}?${query}`, { method, headers, timeoutMs })
          : await httpCall(`${base}${path}`, {
              method,
              headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
              body: query,
              timeoutMs,
            });
    } catch (err) {
      throw new ChannelSendError(`Threads ${what}: ${(err as Error).message}`, 'transient');
    }
    if (!res.ok) throw await metaSendError(res, `(Threads) ${what}`);
    try {
      return await res.json();
    } catch {
      throw new ChannelSendError(`Threads ${what}: the answer is not JSON`, 'transient');
    }
  }

  const idOf = (body: unknown, what: string): string => {
    const id = (body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(id))
      throw new ChannelSendError(`Threads ${what}: answer without id`, 'transient');
    return id;
  };

  return {
    /** Step one: a reply container under `replyTo` (nothing is public yet). */
    async createReply(text: string, replyTo: string): Promise<string> {
      const body = await call('reply container', 'POST', `/${opts.userId}/threads`, { media_type: 'TEXT', text, reply_to_id: replyTo });
      return idOf(body, 'reply container');
    },
    /** Step two: the container published; the answer is the reply's media id. */
    async publish(creationId: string): Promise<string> {
      return idOf(await call('publish', 'POST', `/${opts.userId}/threads_publish`, { creation_id: creationId }), 'publish');
    },
    /** The direct replies under a media, newest first. */
    replies: (mediaId: string) =>
      call('read replies', 'GET', `/${encodeURIComponent(mediaId)}/replies`, { fields: MEDIA_FIELDS, reverse: 'true', limit: '50' }),
    /** Every reply in a post's conversation, at any depth, newest first. */
    conversation: (postId: string) =>
      call('read conversation', 'GET', `/${encodeURIComponent(postId)}/conversation`, {
        fields: MEDIA_FIELDS,
        reverse: 'true',
        limit: '50',
      }),
    /** The brand's latest posts. */
    ownPosts: (limit: number) => call('read posts', 'GET', `/${opts.userId}/threads`, { fields: 'id,timestamp', limit: String(limit) }),
    /** Posts mentioning the brand (threads_manage_mentions). */
    mentions: () => call('read mentions', 'GET', `/${opts.userId}/mentions`, { fields: MEDIA_FIELDS, limit: '50' }),
    /** Replies published in the last 24 hours and the cap (`reply_quota_usage`, `reply_config`). */
    publishingLimit: () =>
      call('read publishing limit', 'GET', `/${opts.userId}/threads_publishing_limit`, { fields: 'reply_quota_usage,reply_config' }),
  };
}

export type ThreadsApi = ReturnType<typeof createThreadsApi>;
