import http from 'node:http';
import https from 'node:https';

/** What the platform clients read of an answer: a subset of fetch's Response (which satisfies it too). */
export interface HttpResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface HttpCallInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** For the whole exchange: connecting, sending and reading the answer. */
  timeoutMs: number;
}

/** A call as the platform clients build it: everything but the timeout, which each client adds. */
export type PlatformRequest = Omit<HttpCallInit, 'timeoutMs'>;

// Kept-alive connections to each platform: a burst of replies reuses a few sockets.
const transports = {
  'http:': { request: http.request, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) },
  'https:': { request: https.request, agent: new https.Agent({ keepAlive: true, maxSockets: 64 }) },
};

/**
 * One HTTP call to a platform API on Node's http client with kept-alive sockets. fetch did the same
 * at about three times the CPU per call (WHATWG streams, request cloning, abort signals): a fifth
 * of the CPU of answering a mention during a burst. The answer is read whole (API answers are small).
 */
export function httpCall(url: string, init: HttpCallInit): Promise<HttpResponse> {
  const target = new URL(url);
  const transport = transports[target.protocol as keyof typeof transports];
  if (!transport) return Promise.reject(new Error(`unsupported protocol ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = transport.request(target, { method: init.method, headers, agent: transport.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      // A connection cut mid-answer: no 'end' comes (a no-op once the answer was resolved).
      res.on('close', () => fail(new Error('connection closed before the answer ended')));
      res.on('end', () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) answerHeaders.append(name, v);
        }
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: answerHeaders,
          text: async () => body,
          json: async () => JSON.parse(body) as unknown,
        });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${init.timeoutMs} ms`)), init.timeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      reject(err);
    }
    req.on('error', fail);
    req.end(init.body);
  });
}
