import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';

export interface TikTokApiOptions {
  baseUrl: string;
  accessToken: string;
  businessId: string;
  /** TikTok's throttling answer names no reset: how long to wait (ms). */
  rateLimitWaitMs: number;
  timeoutMs?: number;
}

/** TikTok API for Business answers HTTP 200 with `code` 0 on success and its own code otherwise. */
interface Envelope {
  code?: unknown;
  message?: unknown;
  data?: unknown;
}

/** "Too many requests" (the app's or the account's QPS or daily call limit). */
const THROTTLED = new Set([40100, 40101]);

/** Turns a TikTok answer that is not a success into the outbox's retry decision. */
export function tiktokError(status: number, envelope: Envelope, what: string, waitMs: number, now = Date.now()): ChannelSendError {
  const code = typeof envelope.code === 'number' ? envelope.code : 0;
  const detail = typeof envelope.message === 'string' ? envelope.message.slice(0, 200) : '';
  const message = `TikTok ${what}: HTTP ${status} code ${code} ${detail}`.trim();
  if (status === 429 || THROTTLED.has(code)) return new ChannelSendError(message, 'rate_limited', now + waitMs);
  if (status >= 500 || status === 408 || code >= 50000) return new ChannelSendError(message, 'transient');
  // Bad parameters (40002), no permission or scope (40001), a revoked or expired token (40105),
  // a comment or video deleted: sending the same again will not help.
  return new ChannelSendError(message, 'permanent');
}

/** The Accounts API calls the channel makes (business-api.tiktok.com, open_api/v1.3). */
export function createTikTokApi(opts: TikTokApiOptions) {
  const timeout = opts.timeoutMs ?? 15_000;
  let blockedUntil = 0;

  async function call(
    path: string,
    what: string,
    init: { query?: Record<string, string>; body?: Record<string, unknown> },
  ): Promise<unknown> {
    if (Date.now() < blockedUntil) throw new ChannelSendError(`TikTok ${what}: throttled, waiting`, 'rate_limited', blockedUntil);
    const q = init.query ? `?${new URLSearchParams(init.query)}` : '';
    let res: HttpResponse;
    try {
      res = await httpCall(`${opts.baseUrl}/open_api/v1.3${path}${q}`, {
        method: init.body ? 'POST' : 'GET',
        // The token goes in TikTok's own header, never in the URL (URLs end up in logs).
        headers: { 'access-token': opts.accessToken, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
        timeoutMs: timeout,
      });
    } catch (err) {
      throw new ChannelSendError(`TikTok ${what}: ${(err as Error).message}`, 'transient');
    }
    const text = await res.text();
    let envelope: Envelope = {};
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      envelope = { message: text };
    }
    if (!res.ok || envelope.code !== 0) {
      const error = tiktokError(res.status, envelope, what, opts.rateLimitWaitMs);
      if (error.kind === 'rate_limited' && error.retryAt) blockedUntil = error.retryAt;
      throw error;
    }
    return envelope.data;
  }

  const business = { business_id: opts.businessId };
  return {
    /** The account's most recent videos (GET /business/video/list/). */
    videos: (maxCount: number) =>
      call('/business/video/list/', 'video list', {
        query: { ...business, fields: JSON.stringify(['item_id', 'create_time', 'share_url']), max_count: String(maxCount) },
      }),
    /** A video's top-level comments, newest first (GET /business/comment/list/). */
    comments: (videoId: string, cursor: number) =>
      call('/business/comment/list/', 'comment list', {
        query: {
          ...business,
          video_id: videoId,
          sort_field: 'create_time',
          sort_order: 'desc',
          max_count: '30',
          cursor: String(cursor),
        },
      }),
    /** Every reply under a comment (GET /business/comment/reply/list/). */
    replies: (videoId: string, commentId: string) =>
      call('/business/comment/reply/list/', 'reply list', {
        query: { ...business, video_id: videoId, comment_id: commentId, sort_field: 'create_time', sort_order: 'desc', max_count: '30' },
      }),
    /** Posts a reply under a comment (POST /business/comment/reply/create/); resolves with its comment id. */
    async reply(videoId: string, commentId: string, text: string): Promise<string> {
      const data = (await call('/business/comment/reply/create/', 'reply', {
        body: { ...business, video_id: videoId, comment_id: commentId, text },
      })) as { comment_id?: unknown } | undefined;
      const id = data?.comment_id;
      if (typeof id !== 'string' || !id) throw new ChannelSendError('TikTok reply: answer without comment_id', 'transient');
      return id;
    },
  };
}

export type TikTokApi = ReturnType<typeof createTikTokApi>;
