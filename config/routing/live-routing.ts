import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FileProblem } from '../read-yaml.js';
import { watchKnowledgeFile as watchConfigFile } from '../knowledge/watch-knowledge-file.js';
import { writeAtomically } from '../write-atomically.js';
import { parseRouting, RoutingError } from './load-routing.js';
import type { Routing } from './schema.js';

/** What a service without a routing file routes by: nothing. */
export const EMPTY_ROUTING_TEXT = 'version: 1\nrules: []\n';

export interface RoutingStatus {
  file: string;
  /** Counts the versions that went live since start-up. */
  version: number;
  sha256: string;
  loadedAt: string;
  rules: number;
  /** The last version refused (a broken edit of the file, a publish): the live rules stayed. */
  lastError?: { at: string; source: 'file' | 'publish'; problems: FileProblem[] };
}

export interface LiveRouting {
  current(): Routing;
  text(): string;
  status(): RoutingStatus;
  /** Reads the file again; a broken file keeps the live rules and throws RoutingError. */
  reload(): Promise<Routing>;
  /** Checks a text, writes it to the file and puts it live; a broken text throws RoutingError and changes nothing. */
  publish(text: string): Promise<RoutingStatus>;
  /** Problems of a text (none: it may go live). */
  check(text: string): FileProblem[];
  onLive(listener: (status: RoutingStatus) => void): () => void;
  /** Reloads on every change of the file; `onResult` hears of each version taken or refused. */
  watch(onResult?: (result: { ok: true; status: RoutingStatus } | { ok: false; error: RoutingError }) => void): void;
  close(): void;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The routing rules in force, from `file` (absent: no rules until an admin publishes some). A
 * broken file never replaces working rules: the previous version stays live and the refusal, with
 * each problem's line and column, is kept on the status. Start-up with a broken file fails.
 */
export async function createLiveRouting(file: string): Promise<LiveRouting> {
  let live: { routing: Routing; text: string } | undefined;
  let status: RoutingStatus | undefined;
  let unwatch: (() => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(status: RoutingStatus) => void>();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  function goLive(routing: Routing, text: string): RoutingStatus {
    live = { routing, text };
    status = {
      file,
      version: (status?.version ?? 0) + 1,
      sha256: sha256(text),
      loadedAt: new Date().toISOString(),
      rules: routing.rules.length,
    };
    for (const listener of listeners) listener(status);
    return status;
  }

  function refused(err: unknown, source: 'file' | 'publish'): never {
    const error =
      err instanceof RoutingError
        ? err
        : new RoutingError(file, [{ message: String((err as Error)?.message ?? err), line: 1, column: 1, path: '' }]);
    if (status) status = { ...status, lastError: { at: new Date().toISOString(), source, problems: error.problems } };
    throw error;
  }

  async function load(): Promise<Routing> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || live)
        throw new RoutingError(file, [{ message: `cannot read: ${(err as Error).message}`, line: 1, column: 1, path: '' }]);
      text = EMPTY_ROUTING_TEXT;
    }
    if (live && status && sha256(text) === status.sha256) {
      if (status.lastError?.source === 'file') status = { ...status, lastError: undefined };
      return live.routing;
    }
    const { routing } = parseRouting(text, file);
    goLive(routing, text);
    return routing;
  }

  const reload = () => serial(() => load().catch((err: unknown) => refused(err, 'file')));
  await reload();

  return {
    current: () => live!.routing,
    text: () => live!.text,
    status: () => status!,
    reload,
    publish: (text) =>
      serial(async () => {
        let routing: Routing;
        try {
          routing = parseRouting(text, file).routing;
        } catch (err) {
          return refused(err, 'publish');
        }
        await writeAtomically(file, text);
        return goLive(routing, text);
      }),
    check(text) {
      try {
        parseRouting(text, file);
        return [];
      } catch (err) {
        if (err instanceof RoutingError) return err.problems;
        throw err;
      }
    },
    onLive(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    watch(onResult) {
      if (unwatch) return;
      unwatch = watchConfigFile(file, () => {
        const before = status!.version;
        reload().then(
          () => status!.version !== before && onResult?.({ ok: true, status: status! }),
          (err: unknown) => onResult?.({ ok: false, error: err as RoutingError }),
        );
      });
    },
    close() {
      unwatch?.();
      unwatch = undefined;
    },
  };
}
