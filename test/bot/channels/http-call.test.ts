import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpCall } from '../../../bot/channels/http-call.js';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A local HTTP server; returns its base URL and how many connections it has seen. */
async function serve(handler: http.RequestListener) {
  let connections = 0;
  server = http.createServer(handler);
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

describe('httpCall', () => {
  it('sends the method, headers and body, and reads status, headers and JSON back', async () => {
    const { url } = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.setHeader('x-rate-limit-remaining', '7');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            method: req.method,
            auth: req.headers.authorization,
            length: req.headers['content-length'],
            body: JSON.parse(body),
          }),
        );
      });
    });
    const res = await httpCall(`${url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'héllo' }),
      timeoutMs: 2000,
    });
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-rate-limit-remaining')).toBe('7');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({
      method: 'POST',
      auth: 'Bearer t',
      length: String(Buffer.byteLength('{"text":"héllo"}')),
      body: { text: 'héllo' },
    });
  });

  it('gives a failed status to the caller as an answer, not an error', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(429, { 'x-rate-limit-reset': '1800000000' });
      res.end('Too Many Requests');
    });
    const res = await httpCall(url, { method: 'GET', timeoutMs: 2000 });
    expect([res.status, res.ok, await res.text(), res.headers.get('x-rate-limit-reset')]).toEqual([
      429,
      false,
      'Too Many Requests',
      '1800000000',
    ]);
  });

  it('gives up after the timeout when the platform does not answer', async () => {
    const { url } = await serve(() => {});
    await expect(httpCall(url, { method: 'GET', timeoutMs: 100 })).rejects.toThrow(/timed out after 100 ms/);
  });

  it('keeps the connection for the next call', async () => {
    const { url, connections } = await serve((_req, res) => res.end('{}'));
    for (let i = 0; i < 3; i++) await (await httpCall(url, { method: 'GET', timeoutMs: 2000 })).json();
    expect(connections()).toBe(1);
  });

  it('refuses a connection that cannot be made', async () => {
    const { url } = await serve((_req, res) => res.end());
    const closed = url;
    server!.close();
    server!.closeAllConnections();
    server = undefined;
    await expect(httpCall(closed, { method: 'GET', timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
  });
});

describe('httpCall, a connection cut mid-answer', () => {
  it('fails instead of waiting for an end that never comes', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(httpCall(url, { method: 'GET', timeoutMs: 5000 })).rejects.toThrow(/aborted|closed before the answer ended|ECONNRESET/);
  });
});
