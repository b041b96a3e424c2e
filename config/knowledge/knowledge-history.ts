import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256, type KnowledgeStatus, type LiveKnowledge } from './live-knowledge.js';
import { parseKnowledge } from './load-knowledge.js';
import type { Knowledge } from './schema.js';
import { type KnowledgeChangeSummary, summariseChange } from './summarise-change.js';

export { type KnowledgeChangeSummary, summariseChange };

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
  /**
   * Checks the text like any reload; only if it passes is it recorded, written to the file and live. Throws KnowledgeError.
   * `base`: the sha256 of the live text the change was made from; checked in the publish's own turn, so a
   * version that went live meanwhile (another editor's) is never overwritten unseen (StaleBaseError).
   */
  publish(text: string, author: string, message?: string, base?: string): Promise<PublishResult>;
  /** Publishes an older version's text again, recorded as a new version "rollback to N". */
  rollback(version: number, author: string): Promise<PublishResult>;
  close(): void;
}

export class UnknownVersionError extends Error {
  override name = 'UnknownVersionError';
}

/** Another version went live after the one a change was made from. */
export class StaleBaseError extends Error {
  override name = 'StaleBaseError';
}

const FILE = /^(\d+)\.json$/;
const fileName = (version: number) => `${String(version).padStart(6, '0')}.json`;

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
      const since = await stat(lock).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
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
 * Every version that went live, as plain files in `dir`, so several instances on a shared volume
 * keep one history: `NNNNNN.json` holds a version's record (never rewritten; its number is taken by
 * creating the file with link(), which fails if another instance took it first) and
 * `texts/<sha256>.yaml` its text (named by content: a rollback stores nothing twice).
 * Versions that reach the file another way (an edit on disk, the one found at start) are recorded too.
 */
export async function createKnowledgeHistory(
  dir: string,
  live: LiveKnowledge,
  now: () => Date = () => new Date(),
): Promise<KnowledgeHistory> {
  const texts = path.join(dir, 'texts');
  await mkdir(texts, { recursive: true });
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  // Records never change once written: each is read from disk once.
  const records = new Map<number, KnowledgeVersionInfo>();

  async function numbers(): Promise<number[]> {
    return (await readdir(dir)).flatMap((name) => (FILE.test(name) ? [Number(FILE.exec(name)![1])] : [])).sort((a, b) => a - b);
  }

  async function info(version: number): Promise<KnowledgeVersionInfo | undefined> {
    const cached = records.get(version);
    if (cached) return cached;
    try {
      const record = JSON.parse(await readFile(path.join(dir, fileName(version)), 'utf8')) as KnowledgeVersionInfo;
      records.set(version, record);
      return record;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  const textOf = (sha: string) => readFile(path.join(texts, `${sha}.yaml`), 'utf8');

  async function get(version: number): Promise<KnowledgeVersion | undefined> {
    const record = await info(version);
    return record && { ...record, text: await textOf(record.sha256) };
  }

  const latest = async () => info((await numbers()).at(-1) ?? 0);

  /** Writes a file whole (temp + link), so it appears complete or not at all; false if it exists. */
  async function create(file: string, content: string): Promise<boolean> {
    const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(temp, content, { flush: true });
    try {
      await link(temp, file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Records `text` as the next version, unless it is the latest already. */
  async function record(text: string, author: string, message: string): Promise<{ version: KnowledgeVersionInfo; unchanged: boolean }> {
    const sha = sha256(text);
    // The same name always holds the same text: another instance writing it first is fine.
    await create(path.join(texts, `${sha}.yaml`), text);
    for (;;) {
      const last = await latest();
      if (last?.sha256 === sha) return { version: last, unchanged: true };
      const entry: KnowledgeVersionInfo = {
        version: (last?.version ?? 0) + 1,
        sha256: sha,
        author,
        at: now().toISOString(),
        message,
        summary: summariseChange(parsedOrUndefined(last && (await textOf(last.sha256))), parseKnowledge(text)),
      };
      // Never over a version another instance wrote: then try the next number.
      if (await create(path.join(dir, fileName(entry.version)), `${JSON.stringify(entry, null, 2)}\n`))
        return { version: entry, unchanged: false };
    }
  }

  // A version that went live without a publish: an edit of the file itself (a publish records its own).
  const stopListening = live.onLive((_status, text, source) => {
    if (source === 'file') void serial(() => record(text, 'file', 'changed in the file')).catch(() => undefined);
  });
  await serial(async () => {
    const empty = (await numbers()).length === 0;
    await record(live.text(), 'file', empty ? 'first version' : 'found in the file at start');
  });

  /** A publish, in order: every check, recorded here (nothing answers unrecorded), written to the file, live. */
  const publish = (text: string, author: string, message: string, base?: string) =>
    serial(() =>
      withFolderLock(dir, () =>
        live.publishing(async (steps) => {
          if (base !== undefined && base !== live.status().sha256)
            throw new StaleBaseError('another version went live since this change was made: look at the diff again');
          const accepted = await steps.check(text);
          const recorded = await record(text, author, message);
          try {
            return { ...recorded, status: await steps.putLive(accepted) };
          } catch (err) {
            // Checked and recorded, but the file could not be written: it never went live.
            if (!recorded.unchanged) {
              records.delete(recorded.version.version);
              await rm(path.join(dir, fileName(recorded.version.version)), { force: true });
            }
            throw err;
          }
        }),
      ),
    );

  async function list(): Promise<KnowledgeVersionInfo[]> {
    const all = await Promise.all((await numbers()).reverse().map(info));
    return all.filter((v): v is KnowledgeVersionInfo => v !== undefined);
  }

  return {
    list,
    get,
    async versionOf(sha) {
      for (const n of (await numbers()).reverse()) {
        const v = await info(n);
        if (v?.sha256 === sha) return v;
      }
      return undefined;
    },
    publish: (text, author, message = '', base) => publish(text, author, message, base),
    async rollback(version, author) {
      const old = await get(version);
      if (!old) throw new UnknownVersionError(`no version ${version} in the history`);
      return publish(old.text, author, `rollback to ${version}`);
    },
    close: () => void stopListening(),
  };
}
