import { z } from 'zod';
import { ChannelSendError } from '../channel.js';
import { httpCall, type HttpResponse } from '../http-call.js';

export interface GoogleTokenOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  timeoutMs?: number;
}

const tokenAnswer = z.object({ access_token: z.string().min(1).max(4096), expires_in: z.number().int().positive().max(86_400) });
/** A token is refreshed this long before Google says it expires. */
const EARLY_MS = 60_000;

/** An OAuth access token from a refresh token, kept until shortly before it expires. */
export function createGoogleToken(opts: GoogleTokenOptions) {
  let current: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
      refresh_token: opts.refreshToken,
    }).toString();
    let res: HttpResponse;
    try {
      res = await httpCall(opts.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        timeoutMs: opts.timeoutMs ?? 15_000,
      });
    } catch (err) {
      throw new ChannelSendError(`Google token: ${(err as Error).message}`, 'transient');
    }
    // A revoked refresh token (invalid_grant) needs a person: the reason is said, the secret never.
    if (res.status === 400 || res.status === 401) throw new ChannelSendError(`Google token: refused (HTTP ${res.status})`, 'permanent');
    if (!res.ok) throw new ChannelSendError(`Google token: HTTP ${res.status}`, 'transient');
    const parsed = tokenAnswer.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new ChannelSendError('Google token: answer without access_token', 'transient');
    current = { token: parsed.data.access_token, until: Date.now() + parsed.data.expires_in * 1000 - EARLY_MS };
    return current.token;
  }

  return {
    async get(): Promise<string> {
      if (current && Date.now() < current.until) return current.token;
      pending ??= refresh().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    /** Google said the token is no longer good: the next call gets a new one. */
    invalidate() {
      current = undefined;
    },
  };
}
