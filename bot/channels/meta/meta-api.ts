import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';
import type { MetaReplyContext } from './meta-events.js';
import { metaRetryAt, metaSendError, metaUsagePercent } from './meta-rate-limit.js';

export interface MetaApiOptions {
  graphUrl: string;
  version: string;
  pageAccessToken: string;
  timeoutMs?: number;
}

/** Replies in place on Facebook Page comments and Instagram comments (Graph API). */
export function createMetaApi(opts: MetaApiOptions) {
  const timeout = opts.timeoutMs ?? 15_000;
  let blockedUntil = 0;

  return {
    /** A Graph API read (GET /{path}?{params}), for the reconciliation of missed deliveries. */
    async read(path: string, params: Record<string, string>, what: string): Promise<unknown> {
      const url = `${opts.graphUrl}/${opts.version}/${path}?${new URLSearchParams(params)}`;
      let res: HttpResponse;
      try {
        res = await httpCall(url, { method: 'GET', headers: { authorization: `Bearer ${opts.pageAccessToken}` }, timeoutMs: timeout });
      } catch (err) {
        throw new ChannelSendError(`Meta ${what}: ${(err as Error).message}`, 'transient');
      }
      if (!res.ok) throw await metaSendError(res, what);
      return res.json();
    },

    /**
     * The replies under a comment, newest first (Facebook: GET /{comment-id}/comments; Instagram:
     * GET /{comment-id}/replies), the fields that tell who wrote what and when.
     */
    async repliesUnder(context: MetaReplyContext): Promise<unknown> {
      const instagram = context.surface === 'instagram';
      const q = new URLSearchParams(
        instagram
          ? { fields: 'id,text,timestamp,from', limit: '50' }
          : { fields: 'id,message,created_time,from', order: 'reverse_chronological', limit: '50' },
      );
      const url = `${opts.graphUrl}/${opts.version}/${encodeURIComponent(context.replyTo)}/${instagram ? 'replies' : 'comments'}?${q}`;
      let res: HttpResponse;
      try {
        res = await httpCall(url, { method: 'GET', headers: { authorization: `Bearer ${opts.pageAccessToken}` }, timeoutMs: timeout });
      } catch (err) {
        throw new ChannelSendError(`Meta read replies: ${(err as Error).message}`, 'transient');
      }
      if (!res.ok) throw await metaSendError(res, 'read replies');
      return res.json();
    },

    /** Hides or shows a comment: Facebook `POST /{comment-id}` with is_hidden, Instagram with hide. */
    async setHidden(surface: MetaReplyContext['surface'], commentId: string, hidden: boolean): Promise<void> {
      const url = `${opts.graphUrl}/${opts.version}/${encodeURIComponent(commentId)}`;
      const body = surface === 'instagram' ? { hide: hidden } : { is_hidden: hidden };
      let res: HttpResponse;
      try {
        res = await httpCall(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.pageAccessToken}` },
          body: JSON.stringify(body),
          timeoutMs: timeout,
        });
      } catch (err) {
        throw new ChannelSendError(`Meta ${hidden ? 'hide' : 'unhide'}: ${(err as Error).message}`, 'transient');
      }
      if (!res.ok) throw await metaSendError(res, hidden ? 'hide' : 'unhide');
    },

    async reply(context: MetaReplyContext, text: string): Promise<string> {
      if (Date.now() < blockedUntil) throw new ChannelSendError('Meta: usage at its limit, waiting', 'rate_limited', blockedUntil);
      const edge = context.surface === 'instagram' ? 'replies' : 'comments';
      const url = `${opts.graphUrl}/${opts.version}/${encodeURIComponent(context.replyTo)}/${edge}`;
      let res: HttpResponse;
      try {
        res = await httpCall(url, {
          method: 'POST',
          // The token goes in a header, never in the URL (URLs end up in logs).
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.pageAccessToken}` },
          body: JSON.stringify({ message: text }),
          timeoutMs: timeout,
        });
      } catch (err) {
        throw new ChannelSendError(`Meta reply: ${(err as Error).message}`, 'transient');
      }
      if (!res.ok) throw await metaSendError(res, 'reply');
      // Meta throttles at 100% usage: stop at the edge rather than collect errors.
      if (metaUsagePercent(res.headers) >= 100) blockedUntil = metaRetryAt(res.headers);
      const body = (await res.json()) as { id?: string };
      if (!body.id) throw new ChannelSendError('Meta reply: response without id', 'transient');
      return body.id;
    },
  };
}
export type MetaApi = ReturnType<typeof createMetaApi>;
