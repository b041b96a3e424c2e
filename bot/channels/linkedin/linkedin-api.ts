import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';

export interface LinkedInApiOptions {
  baseUrl: string;
  accessToken: string;
  /** The LinkedIn-Version header (YYYYMM) every versioned /rest call needs. */
  version: string;
  /** A 429 names no reset: how long to wait (ms). */
  rateLimitWaitMs: number;
  timeoutMs?: number;
}

/** Turns a failed LinkedIn answer into the outbox's retry decision. */
export async function linkedinError(res: HttpResponse, what: string, waitMs: number, now = Date.now()): Promise<ChannelSendError> {
  const detail = (await res.text().catch(() => '')).slice(0, 300);
  const message = `LinkedIn ${what}: HTTP ${res.status} ${detail}`;
  if (res.status === 429) return new ChannelSendError(message, 'rate_limited', now + waitMs);
  if (res.status >= 500 || res.status === 408) return new ChannelSendError(message, 'transient');
  // 401 token expired or revoked, 403 missing permission or role, 404 post or comment deleted,
  // 400/422 refused content: sending the same again will not help.
  return new ChannelSendError(message, 'permanent');
}

/** The Community Management API calls the channel makes (versioned /rest endpoints, Rest.li 2.0). */
export function createLinkedInApi(opts: LinkedInApiOptions) {
  const timeout = opts.timeoutMs ?? 15_000;
  let blockedUntil = 0;

  async function call(path: string, what: string, body?: Record<string, unknown>): Promise<HttpResponse> {
    if (Date.now() < blockedUntil) throw new ChannelSendError(`LinkedIn ${what}: throttled, waiting`, 'rate_limited', blockedUntil);
    let res: HttpResponse;
    try {
      res = await httpCall(`${opts.baseUrl}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${opts.accessToken}`,
          'linkedin-version': opts.version,
          'x-restli-protocol-version': '2.0.0',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        timeoutMs: timeout,
      });
    } catch (err) {
      throw new ChannelSendError(`LinkedIn ${what}: ${(err as Error).message}`, 'transient');
    }
    if (!res.ok) {
      const error = await linkedinError(res, what, opts.rateLimitWaitMs);
      if (error.kind === 'rate_limited' && error.retryAt) blockedUntil = error.retryAt;
      throw error;
    }
    return res;
  }

  const comments = (urn: string) => `/rest/socialActions/${encodeURIComponent(urn)}/comments`;
  return {
    /** The organization's most recent posts (GET /rest/posts?q=author). */
    async posts(organizationUrn: string, count: number): Promise<unknown> {
      const q = new URLSearchParams({ q: 'author', author: organizationUrn, count: String(count), sortBy: 'LAST_MODIFIED' });
      return (await call(`/rest/posts?${q}`, 'posts')).json();
    },
    /** Comments on a post, or on a comment (its replies): GET /rest/socialActions/{urn}/comments. */
    async comments(urn: string, start: number, count: number): Promise<unknown> {
      const q = new URLSearchParams({ start: String(start), count: String(count) });
      return (await call(`${comments(urn)}?${q}`, 'comments')).json();
    },
    /**
     * A reply under a top-level comment: POST /rest/socialActions/{comment urn}/comments with the
     * post as `object` and the comment as `parentComment`. Resolves with the new comment's URN.
     */
    async reply(input: { actor: string; object: string; parentComment: string; text: string }): Promise<string> {
      const res = await call(comments(input.parentComment), 'reply', {
        actor: input.actor,
        object: input.object,
        parentComment: input.parentComment,
        message: { text: input.text },
      });
      const header = res.headers.get('x-restli-id') ?? res.headers.get('x-linkedin-id');
      let body: { commentUrn?: unknown; $URN?: unknown; id?: unknown } = {};
      try {
        body = (await res.json()) as typeof body;
      } catch {
        // 201 with an empty body: the header names the comment.
      }
      const id = [body.commentUrn, body.$URN, header, body.id].find((v): v is string => typeof v === 'string' && v.length > 0);
      if (!id) throw new ChannelSendError('LinkedIn reply: answer without the comment id', 'transient');
      return id;
    },
  };
}

export type LinkedInApi = ReturnType<typeof createLinkedInApi>;
