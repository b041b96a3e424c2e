import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

/**
 * A dedicated redis-server for restart tests, durable the way an operator must run it for
 * first-reply (docs/operations.md): append-only file, fsync on every write. Killing it and starting
 * it again on the same folder and port is a Redis restart.
 */
export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** SIGKILL: no shutdown save, only what the append-only file holds survives. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder; resolves when it answers PING. */
  restart(): Promise<void>;
  running(): boolean;
}

/** True once the server answers PING with PONG on `port`. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
    socket.on('connect', () => socket.write('PING\r\n'));
  });
}

export async function startRedisServer(port: number, dir: string): Promise<RedisServer> {
  let child: ChildProcess | undefined;
  const spawnServer = async () => {
    const c = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--logfile',
        '',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let exited = false;
    c.once('exit', () => (exited = true));
    child = c;
    const deadline = Date.now() + 10_000;
    while (!(await pong(port))) {
      if (exited) throw new Error(`redis-server on port ${port} exited at start (is the port taken?)`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await spawnServer();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise((resolve) => {
        c.once('exit', resolve);
        c.kill('SIGKILL');
      });
    },
    restart: spawnServer,
  };
}
