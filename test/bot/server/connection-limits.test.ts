import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../config/settings.js';
import { postJson, startService, waitFor, type RunningService } from '../../helpers/start-service.js';

// Short timeouts so the tests are quick; Node looks for late requests once a second.
const TIMEOUTS = { UNDERSTANDING: 'keyword', REQUEST_TIMEOUT_SECONDS: '2', HEADERS_TIMEOUT_SECONDS: '1' };
// The most a timed-out client may still be connected: its timeout, one check, and slack for a busy machine.
const BOUND_MS = 2000 + 1000 + 2500;

interface Client {
  socket: net.Socket;
  received: () => string;
  /** Resolves with the time from connecting to being closed by the server. */
  closed: Promise<number>;
}

/** A raw TCP client of the service: what it sends and when is up to the test. */
async function connect(url: string): Promise<Client> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  const socket = net.connect(Number(port), hostname);
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (data += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => data, closed };
}

/** Writes `text` one byte every `everyMs` until the socket closes. */
function dribble(socket: net.Socket, text: string, everyMs: number) {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms).unref())]);

const slowBody = (client: Client) => {
  const body = JSON.stringify({ author: '@slow', text: 'x'.repeat(200) });
  client.socket.write(
    `POST /sandbox/mentions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  dribble(client.socket, body, 400);
};

/** GET /healthz on a connection of its own (no pool): the status, or the error that ended it. */
function healthz(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, { agent: false, timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('timeout', () => req.destroy(new Error('no answer')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('issue 14 finding 8 — slow clients are timed out, connections are capped', () => {
  let service: RunningService | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await service?.dispose();
    service = undefined;
  });
  const open = async () => {
    const client = await connect(service!.url);
    clients.push(client);
    return client;
  };

  it('finding 8: a body sent one byte at a time, slower than the request timeout allows, is cut (408, closed) within the bound', async () => {
    service = await startService(TIMEOUTS);
    const client = await open();
    slowBody(client);
    const closedAfter = await within(client.closed, BOUND_MS + 2000);
    expect(closedAfter, 'the slow client was never disconnected').not.toBe('still open');
    expect(closedAfter as number).toBeLessThan(BOUND_MS);
    // Fastify answers the timeout with 408 before closing (no answer at all is fine too).
    expect(client.received()).toMatch(/^(HTTP\/1\.1 408|$)/);
    expect(await healthz(service.url)).toBe(200);
  }, 30_000);

  it('finding 8: headers sent one byte at a time are cut after the headers timeout', async () => {
    service = await startService(TIMEOUTS);
    const client = await open();
    dribble(client.socket, `GET /healthz HTTP/1.1\r\nHost: localhost\r\n${'X-Padding: slow\r\n'.repeat(20)}\r\n`, 100);
    const closedAfter = await within(client.closed, BOUND_MS + 2000);
    expect(closedAfter, 'the slow client was never disconnected').not.toBe('still open');
    expect(closedAfter as number).toBeLessThan(1000 + 1000 + 2500);
  }, 30_000);

  it('finding 8: an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    service = await startService({ ...TIMEOUTS, KEEP_ALIVE_TIMEOUT_SECONDS: '1' });
    const client = await open();
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await waitFor(() => (client.received().includes('{"status":"ok"}') ? true : undefined), 3000, 'the answer');
    expect(client.received()).toMatch(/^HTTP\/1\.1 200[\s\S]*keep-alive/i);
    const closedAfter = await within(client.closed, 1000 + 2500 + 2000);
    expect(closedAfter, 'the idle keep-alive connection was never closed').not.toBe('still open');
    expect(closedAfter as number).toBeLessThan(1000 + 2500);
  }, 30_000);

  it('finding 8: a hundred slow bodies at once are all cut within the bound, and the service answers meanwhile', async () => {
    service = await startService(TIMEOUTS);
    const slow = await Promise.all(Array.from({ length: 100 }, () => open()));
    slow.forEach(slowBody);
    expect(await healthz(service.url)).toBe(200);
    const times = await within(Promise.all(slow.map((c) => c.closed)), BOUND_MS + 2000);
    expect(times, 'some slow clients were never disconnected').not.toBe('still open');
    expect(Math.max(...(times as number[]))).toBeLessThan(BOUND_MS + 1000);
  }, 30_000);

  it('finding 8: past the cap a new connection is closed at once, a normal one too, until the timeouts free the slots', async () => {
    service = await startService({ ...TIMEOUTS, MAX_CONNECTIONS: '8' });
    const slow = await Promise.all(Array.from({ length: 8 }, () => open()));
    slow.forEach(slowBody);
    // Every slot taken: a normal client is refused at once (closed without an answer), not left waiting.
    await waitFor(
      () => new Promise<true | undefined>((resolve) => service!.app.server.getConnections((_e, n) => resolve(n >= 8 ? true : undefined))),
      3000,
      'the slow clients accepted',
    );
    const t0 = Date.now();
    const refused = await healthz(service.url);
    expect(refused).not.toBe(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    // The slow clients are cut by the request timeout: the slots free and /healthz answers again.
    const answered = await waitFor(
      async () => ((await healthz(service!.url)) === 200 ? Date.now() - t0 : undefined),
      BOUND_MS + 2000,
      '/healthz answered again',
    );
    expect(answered).toBeLessThan(BOUND_MS + 1000);
    expect(await within(Promise.all(slow.map((c) => c.closed)), BOUND_MS), 'some slow clients were never disconnected').not.toBe(
      'still open',
    );
  }, 30_000);

  it('finding 8: an event stream stays open well past the request timeout and keeps delivering', async () => {
    service = await startService({ ...TIMEOUTS, ADMIN_PASSWORD: 'stream-admin-password' });
    const signedIn = await fetch(`${service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'stream-admin-password' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const stream = await open();
    stream.socket.write(`GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: ${cookie}\r\n\r\n`);
    await waitFor(() => (stream.received().includes('retry: 2000') ? true : undefined), 3000, 'the stream to open');
    expect(stream.received()).toMatch(/^HTTP\/1\.1 200/);
    // Twice the request timeout and more: the stream is a response, not a request still arriving.
    expect(await within(stream.closed, 2 * 2000 + 2000)).toBe('still open');
    // And it still delivers: a mention the bot cannot answer is handed off, and the stream says so.
    const posted = await postJson(`${service.url}/sandbox/mentions`, {
      author: '@streamtest',
      text: 'I want to talk to a person about my contract',
    });
    expect(posted.status).toBeLessThan(300);
    await waitFor(() => (stream.received().includes('event: thread') ? true : undefined), 8000, 'a thread event on the stream');
  }, 40_000);

  it('finding 8: the timeouts and the cap are settings, validated', () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      REQUEST_TIMEOUT_SECONDS: 30,
      HEADERS_TIMEOUT_SECONDS: 10,
      KEEP_ALIVE_TIMEOUT_SECONDS: 72,
      IDLE_TIMEOUT_SECONDS: 120,
      MAX_CONNECTIONS: 1000,
    });
    expect(() => loadSettings({ REQUEST_TIMEOUT_SECONDS: '5', HEADERS_TIMEOUT_SECONDS: '10' })).toThrow(
      /HEADERS_TIMEOUT_SECONDS: at most REQUEST_TIMEOUT_SECONDS/,
    );
    expect(() => loadSettings({ MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS/);
  });
});
