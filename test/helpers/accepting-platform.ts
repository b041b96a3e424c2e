import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * X's and Meta's reply APIs on loopback, accepting every reply at once: for benchmarks and tests
 * that measure the service, not the platform. X's `POST /2/tweets` gets 201 with a tweet id, any
 * other path (Meta's Graph API) 200 with a comment id.
 */
export async function startAcceptingPlatform(): Promise<{ url: string; replies: () => number; close: () => Promise<void> }> {
  let replies = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies++;
      const x = req.url?.startsWith('/2/tweets') ?? false;
      res.writeHead(x ? 201 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(x ? { data: { id: String(1_900_000_000_000_000_000n + BigInt(replies)), text: 'ok' } } : { id: `reply_${replies}` }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies: () => replies,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
