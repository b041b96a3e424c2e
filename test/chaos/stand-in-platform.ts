import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the platforms' reply APIs on loopback, answering as the real ones do (docs/channels.md,
 * ../shared/docs/platforms.md): X's POST /2/tweets and Mastodon's POST /api/v1/statuses (and the few
 * reads the channels make at start). It keeps each API's rate limit in fixed windows with the real
 * headers, can be put into a fault mode for a time window, and records every request and post so a
 * test can tell duplicates and requests over the limit.
 */

export type Api = 'x' | 'mastodon';
/** down: the platform is gone, every connection refused (the port stops listening for the fault's time). */
export type FaultMode = 'normal' | 'rate_limited' | 'server_error' | 'slow' | 'down';

export interface Fault {
  mode: FaultMode;
  from: number;
  until: number;
  /** slow: how long each answer takes (default 3 s). */
  delayMs?: number;
  /** server_error: the status (default 503). */
  status?: number;
}

export type FaultStep = { mode: FaultMode; durationMs: number; delayMs?: number; status?: number };

export interface RecordedPost {
  api: Api;
  id: string;
  /** The post replied to: one reply per mention, so a second post to the same one is a duplicate. */
  inReplyTo: string;
  text: string;
  idempotencyKey?: string;
  at: number;
}

export interface RecordedRequest {
  api: Api;
  at: number;
  status: number;
  /** The request came while this API's window had no calls left (the client ignored the limit). */
  overLimit: boolean;
}

export interface StandInOptions {
  /** Calls per window per API (X's POST /2/tweets: 100 per 15 minutes per user; Mastodon: 300 per 5 minutes). */
  limit?: number;
  windowMs?: number;
  port?: number;
}

interface Window {
  index: number;
  count: number;
}

export interface StandInPlatform {
  url: string;
  posts: RecordedPost[];
  requests: RecordedRequest[];
  /** Puts the platform through these modes one after the other, starting now (replaces any plan). */
  plan(steps: FaultStep[]): Fault[];
  /** The mode the platform is in now ('normal' outside the plan). */
  currentFault(): FaultMode;
  /** When the last planned fault ends. */
  faultsEnd(): number;
  /** The most requests counted in any one rate-limit window (of one API, or of either). */
  maxPerWindow(api?: Api): number;
  /** Requests the platform had to refuse because the window's calls were used up. */
  overLimit(): number;
  /**
   * Requests that came while a reset the platform announced (a 429, or no calls remaining) was still
   * ahead, more than `inFlightMs` after that answer (calls already under way when it was given are excused).
   */
  ignoredWaits(inFlightMs?: number): number;
  /** inReplyTo ids that received more than one post. */
  duplicates(): string[];
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export async function startStandInPlatform(opts: StandInOptions = {}): Promise<StandInPlatform> {
  const limit = opts.limit ?? 100;
  const windowMs = opts.windowMs ?? 15 * 60_000;
  const epoch = Date.now();
  const posts: RecordedPost[] = [];
  const requests: RecordedRequest[] = [];
  const windows: Record<Api, Window[]> = { x: [], mastodon: [] };
  const byIdempotencyKey = new Map<string, RecordedPost>();
  /** X's duplicate-content check: "<in reply to> <text>" of every X post (a set: bursts of 100k posts). */
  const xPosted = new Set<string>();
  let faults: Fault[] = [];
  /** Announced waits: when the platform said "no calls until resetAt". */
  const waits: { api: Api; saidAt: number; resetAt: number }[] = [];
  let nextId = 1_870_000_000_000_000_000n;

  /** Counts the call in its fixed window; the window's end and what is left. */
  function count(api: Api, at: number) {
    const index = Math.floor((at - epoch) / windowMs);
    const list = windows[api];
    let w = list[list.length - 1];
    if (!w || w.index !== index) list.push((w = { index, count: 0 }));
    w.count++;
    return { resetAt: epoch + (index + 1) * windowMs, remaining: limit - w.count, over: w.count > limit };
  }

  /** The API's own rate-limit headers: X gives Unix seconds, Mastodon an ISO 8601 time. */
  const limitHeaders = (api: Api, remaining: number, resetAt: number): Record<string, string> =>
    api === 'x'
      ? {
          'x-rate-limit-limit': String(limit),
          'x-rate-limit-remaining': String(Math.max(0, remaining)),
          'x-rate-limit-reset': String(Math.ceil(resetAt / 1000)),
        }
      : {
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': String(Math.max(0, remaining)),
          'x-ratelimit-reset': new Date(resetAt).toISOString(),
        };

  function post(api: Api, body: Record<string, any>, idempotencyKey: string | undefined): { status: number; body: unknown } {
    const inReplyTo = String(api === 'x' ? (body.reply?.in_reply_to_tweet_id ?? '') : (body.in_reply_to_id ?? ''));
    const text = String(api === 'x' ? (body.text ?? '') : (body.status ?? ''));
    if (!text || !inReplyTo) return { status: api === 'x' ? 400 : 422, body: { error: 'text and the post replied to are required' } };
    // Mastodon returns the status it already made for a repeated Idempotency-Key.
    const earlier = idempotencyKey ? byIdempotencyKey.get(idempotencyKey) : undefined;
    if (api === 'mastodon' && earlier)
      return { status: 200, body: { id: earlier.id, in_reply_to_id: earlier.inReplyTo, content: `<p>${earlier.text}</p>` } };
    // X refuses the same text twice in a row from one account.
    if (api === 'x' && xPosted.has(`${inReplyTo} ${text}`)) {
      return {
        status: 403,
        body: {
          title: 'Forbidden',
          detail: 'You are not allowed to create a Tweet with duplicate content.',
          type: 'about:blank',
          status: 403,
        },
      };
    }
    const p: RecordedPost = { api, id: String(nextId++), inReplyTo, text, at: Date.now(), ...(idempotencyKey ? { idempotencyKey } : {}) };
    posts.push(p);
    if (api === 'x') xPosted.add(`${inReplyTo} ${text}`);
    if (idempotencyKey) byIdempotencyKey.set(idempotencyKey, p);
    return api === 'x'
      ? { status: 201, body: { data: { id: p.id, text, edit_history_tweet_ids: [p.id] } } }
      : { status: 200, body: { id: p.id, in_reply_to_id: inReplyTo, visibility: body.visibility ?? 'public', content: `<p>${text}</p>` } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const api: Api = url.pathname.startsWith('/2/') ? 'x' : 'mastodon';
    const at = Date.now();
    const active = faults.find((f) => at >= f.from && at < f.until);
    // A request that got in on a connection just as the platform went down: dropped unanswered.
    if (active?.mode === 'down') return void req.socket.destroy();
    const window = count(api, at);
    const record = (status: number) => requests.push({ api, at, status, overLimit: window.over });
    if (active?.mode === 'slow') await new Promise((r) => setTimeout(r, active.delayMs ?? 3000));
    if (window.over || active?.mode === 'rate_limited') {
      // A forced 429 resets when the fault ends; a real one when the window does.
      const resetAt = window.over ? window.resetAt : active!.until;
      record(429);
      waits.push({ api, saidAt: Date.now(), resetAt });
      const body =
        api === 'x'
          ? { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }
          : { error: 'Too many requests' };
      return json(res, 429, body, limitHeaders(api, 0, resetAt));
    }
    // Every answer from the API, errors included, says what is left of the window.
    const headers = limitHeaders(api, window.remaining, window.resetAt);
    if (active?.mode === 'server_error') {
      record(active.status ?? 503);
      return json(
        res,
        active.status ?? 503,
        api === 'x' ? { title: 'Service Unavailable', status: active.status ?? 503 } : { error: 'Service unavailable' },
        headers,
      );
    }
    let answer: { status: number; body: unknown };
    if (req.method === 'POST' && (url.pathname === '/2/tweets' || url.pathname === '/api/v1/statuses')) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        record(400);
        return json(res, 400, { error: 'body is not JSON' }, headers);
      }
      const key = req.headers['idempotency-key'];
      answer = post(api, body, typeof key === 'string' ? key : undefined);
    } else if (req.method === 'GET' && url.pathname === '/api/v2/instance') {
      answer = { status: 200, body: { domain: 'stand-in.test', configuration: { statuses: { max_characters: 500 } } } };
    } else if (req.method === 'GET' && (url.pathname === '/api/v1/notifications' || /^\/2\/users\/\d+\/mentions$/.test(url.pathname))) {
      // Mentions come in through the webhook in the chaos runs: the timelines are empty.
      answer = { status: 200, body: api === 'x' ? { meta: { result_count: 0 } } : [] };
    } else {
      answer = { status: 404, body: { error: `no route ${req.method} ${url.pathname}` } };
    }
    record(answer.status);
    if (window.remaining <= 0) waits.push({ api, saidAt: Date.now(), resetAt: window.resetAt });
    json(res, answer.status, answer.body, headers);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err) => json(res, 500, { error: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  /** Timers that stop and restart listening for the planned 'down' faults. */
  let downTimers: NodeJS.Timeout[] = [];
  const goDown = () => {
    server.close();
    server.closeAllConnections();
  };
  const goUp = () => {
    if (!server.listening) server.listen(port, '127.0.0.1');
  };

  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    requests,
    plan(steps) {
      let from = Date.now();
      faults = steps.map(({ durationMs, ...step }) => {
        const f = { ...step, from, until: from + durationMs };
        from = f.until;
        return f;
      });
      for (const t of downTimers) clearTimeout(t);
      downTimers = faults
        .filter((f) => f.mode === 'down')
        .flatMap((f) => [setTimeout(goDown, f.from - Date.now()), setTimeout(goUp, f.until - Date.now())]);
      return faults;
    },
    faultsEnd: () => Math.max(0, ...faults.map((f) => f.until)),
    currentFault: () => faults.find((f) => Date.now() >= f.from && Date.now() < f.until)?.mode ?? 'normal',
    maxPerWindow(api) {
      const lists = api ? [windows[api]] : [windows.x, windows.mastodon];
      return Math.max(0, ...lists.flat().map((w) => w.count));
    },
    overLimit: () => requests.filter((r) => r.overLimit).length,
    ignoredWaits(inFlightMs = 250) {
      return requests.filter((r) => waits.some((w) => w.api === r.api && r.at > w.saidAt + inFlightMs && r.at < w.resetAt)).length;
    },
    duplicates() {
      const seen = new Map<string, number>();
      for (const p of posts) seen.set(`${p.api}:${p.inReplyTo}`, (seen.get(`${p.api}:${p.inReplyTo}`) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of downTimers) clearTimeout(t);
        server.closeAllConnections();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
