import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256, type KnowledgeStatus, type LiveKnowledge } from './live-knowledge.js';
import { parseKnowledge } from './load-knowledge.js';
import type { Knowledge } from './schema.js';

/** What a version changed against the one before it: entry ids, and top-level fields (acknowledgement, tone, timezone). */
export interface KnowledgeChangeSummary {
  added: string[];
  changed: string[];
  removed: string[];
  general: string[];
}

export interface KnowledgeVersionInfo {
  version: number;
  sha256: string;
  /** Who published it; "file" for a change made to the file itself (or found at start). */
  author: string;
  at: string;
  message: string;
  summary: KnowledgeChangeSummary;
}

export interface KnowledgeVersion extends KnowledgeVersionInfo {
  text: string;
}

export interface PublishResult {
  version: KnowledgeVersionInfo;
  status: KnowledgeStatus;
  /** The text was already the latest version: nothing new was recorded. */
  unchanged: boolean;
}

export interface KnowledgeHistory {
  /** Newest first. */
  list(): Promise<KnowledgeVersionInfo[]>;
  get(version: number): Promise<KnowledgeVersion | undefined>;
  /** The recorded version of a text, by its sha256 (the newest if recorded more than once). */
  versionOf(sha: string): Promise<KnowledgeVersionInfo | undefined>;
  /** Checks the text like any reload; only if it passes is it recorded, written to the file and live. Throws KnowledgeError. */
  publish(text: string, author: string, message?: string): Promise<PublishResult>;
  /** Publishes an older version's text again, recorded as a new version "rollback to N". */
  rollback(version: number, author: string): Promise<PublishResult>;
  close(): void;
}

export class UnknownVersionError extends Error {
  override name = 'UnknownVersionError';
}

const FILE = /^(\d+)\.json$/;
const fileName = (version: number) => `${String(version).padStart(6, '0')}.json`;

/** Entries added, changed and removed by id, and the top-level fields that differ. */
export function summariseChange(before: Knowledge | undefined, after: Knowledge): KnowledgeChangeSummary {
  const old = new Map((before?.entries ?? []).map((e) => [e.id, JSON.stringify(e)]));
  const now = new Map(after.entries.map((e) => [e.id, JSON.stringify(e)]));
  const general = (['acknowledgement', 'tone', 'timezone'] as const).filter((key) => before && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    changed: [...now].filter(([id, e]) => old.has(id) && old.get(id) !== e).map(([id]) => id),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    general,
  };
}

/** A lock held longer than this is left over from a crashed instance (a publish takes seconds). */
const STALE_LOCK_MS = 120_000;

/** Runs `task` while holding a lock file, so publishes from several instances sharing `dir` never interleave. */
async function withFolderLock<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.publish.lock');
  for (;;) {
    try {
      await writeFile(lock, `${process.pid} ${new Date().toISOString()}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const since = await stat(lock).then((s) => s.mtimeMs, () => undefined);
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) await rm(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

function parsedOrUndefined(text: string | undefined): Knowledge | undefined {
  if (text === undefined) return undefined;
  try {
    return parseKnowledge(text);
  } catch {
    // Valid when recorded; a later schema may refuse it. Then everything counts as added.
    return undefined;
  }
}

/**
 * Every version that went live, as plain files in `dir` (one JSON file per version, never
 * rewritten), so several instances on a shared volume keep one history: a version number is taken
 * by creating its file with link(), which fails if another instance took it first.
 * Versions that reach the file another way (an edit on disk, the one found at start) are recorded too.
 */
export async function createKnowledgeHistory(dir: string, live: LiveKnowledge, now: () => Date = () => new Date()): Promise<KnowledgeHistory> {
  await mkdir(dir, { recursive: true });
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function numbers(): Promise<number[]> {
    return (await readdir(dir)).flatMap((name) => (FILE.test(name) ? [Number(FILE.exec(name)![1])] : [])).sort((a, b) => a - b);
  }

  async function get(version: number): Promise<KnowledgeVersion | undefined> {
    try {
      return JSON.parse(await readFile(path.join(dir, fileName(version)), 'utf8')) as KnowledgeVersion;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  const latest = async () => get((await numbers()).at(-1) ?? 0);

  /** Records `text` as the next version, unless it is the latest already. */
  async function record(text: string, author: string, message: string): Promise<{ version: KnowledgeVersionInfo; unchanged: boolean }> {
    for (;;) {
      const last = await latest();
      const sha = sha256(text);
      if (last?.sha256 === sha) return { version: withoutText(last), unchanged: true };
      const entry: KnowledgeVersion = {
        version: (last?.version ?? 0) + 1,
        sha256: sha,
        author,
        at: now().toISOString(),
        message,
        summary: summariseChange(parsedOrUndefined(last?.text), parseKnowledge(text)),
        text,
      };
      const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(temp, `${JSON.stringify(entry, null, 2)}\n`, { flush: true });
      try {
        // Appears whole or not at all, and never over a version another instance wrote.
        await link(temp, path.join(dir, fileName(entry.version)));
        return { version: withoutText(entry), unchanged: false };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        await rm(temp, { force: true });
      }
    }
  }

  // A version that went live without a publish through here: an edit of the file itself.
  const stopListening = live.onLive((_status, text) => {
    void serial(() => record(text, 'file', 'changed in the file')).catch(() => undefined);
  });
  await serial(async () => {
    const empty = (await numbers()).length === 0;
    await record(live.text(), 'file', empty ? 'first version' : 'found in the file at start');
  });

  const publish = (text: string, author: string, message: string) =>
    serial(() =>
      withFolderLock(dir, async () => {
        let recorded: { version: KnowledgeVersionInfo; unchanged: boolean } | undefined;
        // Recorded once every check passed and before it goes live: nothing answers unrecorded.
        const status = await live.publish(text, {
          beforeLive: async () => {
            recorded = await record(text, author, message);
          },
        });
        return { ...recorded!, status };
      }),
    );

  async function list(): Promise<KnowledgeVersionInfo[]> {
    const all = await Promise.all((await numbers()).reverse().map(get));
    return all.filter((v): v is KnowledgeVersion => v !== undefined).map(withoutText);
  }

  return {
    list,
    get,
    versionOf: async (sha) => (await list()).find((v) => v.sha256 === sha),
    publish: (text, author, message = '') => publish(text, author, message),
    async rollback(version, author) {
      const old = await get(version);
      if (!old) throw new UnknownVersionError(`no version ${version} in the history`);
      return publish(old.text, author, `rollback to ${version}`);
    },
    close: () => void stopListening(),
  };
}

function withoutText({ text: _text, ...info }: KnowledgeVersion): KnowledgeVersionInfo {
  return info;
}
