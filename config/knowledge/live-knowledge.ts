import { createHash, randomBytes } from 'node:crypto';
import { unwatchFile, watch, watchFile, type FSWatcher, type Stats } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Understander } from '../../intents/understanding.js';
import type { KnowledgeFinding } from './check-knowledge.js';
import { KnowledgeError, parseKnowledgeDocument, type Locate } from './load-knowledge.js';
import type { Knowledge, KnowledgeEntry } from './schema.js';

/** Checks a candidate version (with the understanding already trained on it). */
/** Checks a version; `understander` is the one trained on it (test cases run on it). */
export type ValidateKnowledge = (knowledge: Knowledge, locate: Locate, understander: Understander) => Promise<KnowledgeFinding[]>;

export interface KnowledgeStatus {
  file: string;
  /** Goes up by one each time a new version goes live in this process. */
  version: number;
  /** sha256 of the live text: names the version across instances and in the history. */
  sha256: string;
  loadedAt: string;
  entries: number;
  warnings: KnowledgeFinding[];
  /** The last rejected version's problems (a change of the file, or a publish), until a good version goes live. */
  lastError?: { at: string; source: 'file' | 'publish'; message: string; problems: KnowledgeError['problems'] };
}

export interface PublishOptions {
  /** Runs once the text has passed every check, before it is written and goes live; throwing stops the publish. */
  beforeLive?: (knowledge: Knowledge) => Promise<void>;
}

export type LiveListener = (status: KnowledgeStatus, text: string) => void;
export type RejectedListener = (error: KnowledgeError, source: 'file' | 'publish') => void;

/**
 * The knowledge that is live now. A new version replaces it only once it has been parsed,
 * validated, the understanding retrained on it and its test cases passed; otherwise the previous
 * version keeps answering (and the understanding is trained back on it).
 */
export interface LiveKnowledge {
  current(): Knowledge;
  /** The live version's text. */
  text(): string;
  status(): KnowledgeStatus;
  /** Loads the file again; throws KnowledgeError (with lines) and keeps the live version on any problem. */
  reload(): Promise<Knowledge>;
  /**
   * Puts a new text live at once, through exactly the checks a reload goes through; only then is it
   * written to the file (temp file + rename, so readers never see half a file). Throws KnowledgeError.
   */
  publish(text: string, options?: PublishOptions): Promise<KnowledgeStatus>;
  /** Every finding a draft would get (parse errors included, as errors); nothing goes live. */
  check(text: string): Promise<KnowledgeFinding[]>;
  /**
   * Runs `use` on a draft (or, without text, the live version) with the understanding trained on
   * it, then trains it back on the live version. Throws KnowledgeError when the draft does not parse.
   */
  withDraft<T>(text: string | undefined, use: (knowledge: Knowledge, understander: Understander) => Promise<T>): Promise<T>;
  /** Called after each new version goes live (not for a reload that finds the live text unchanged). */
  onLive(listener: LiveListener): () => void;
  /** Called for each rejected version, from the file or a publish: for notifications. */
  onRejected(listener: RejectedListener): () => void;
  /** Reloads whenever the file changes, until `close`. */
  watch(onResult?: (result: { ok: true; status: KnowledgeStatus } | { ok: false; error: KnowledgeError }) => void): void;
  close(): void;
}

type StatsListener = (now: Stats, before: Stats) => void;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const asFindings = (err: KnowledgeError): KnowledgeFinding[] => err.problems.map((p) => ({ level: 'error', ...p }));

export async function createLiveKnowledge(file: string, understander: Understander, validate: ValidateKnowledge = async () => []): Promise<LiveKnowledge> {
  let live: { knowledge: Knowledge; text: string } | undefined;
  let status: KnowledgeStatus | undefined;
  let watcher: FSWatcher | undefined;
  let poll: StatsListener | undefined;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const liveListeners = new Set<LiveListener>();
  const rejectedListeners = new Set<RejectedListener>();

  // One change at a time, in the order asked: reloads, publishes and draft trials all retrain the understanding.
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  // Drafts (checks, previews, a version before it is accepted) are trained on a fork of the
  // understanding, so live mentions keep being understood with the live file's model meanwhile;
  // an accepted version is then trained on the live one (the embeddings are cached by then).
  // Without a fork, the one understanding is trained on the draft and back.
  const scratch = understander.fork?.() ?? understander;

  // What the understanding learns from. Replies, variables and test cases are what the bot posts
  // and how a version is checked, never what it understands: editing them needs no retraining.
  const trainedOn = new Map<Understander, string>();
  async function train(target: Understander, entries: readonly KnowledgeEntry[]) {
    const key = JSON.stringify(entries.map(({ reply: _reply, vars: _vars, tests: _tests, ...learned }) => learned));
    if (trainedOn.get(target) === key) return;
    trainedOn.delete(target);
    await target.train(entries);
    trainedOn.set(target, key);
  }

  const trainBack = async () => {
    if (live && scratch === understander) await train(understander, live.knowledge.entries);
  };

  /** Parses a text, trains the draft understanding on it and runs every check; the caller trains back. */
  async function evaluate(text: string): Promise<{ knowledge: Knowledge; findings: KnowledgeFinding[] }> {
    const { knowledge, locate } = parseKnowledgeDocument(text, file);
    await train(scratch, knowledge.entries);
    try {
      return { knowledge, findings: await validate(knowledge, locate, scratch) };
    } catch (err) {
      await trainBack();
      throw err;
    }
  }

  /** A version that may go live: on any error the understanding is trained back and KnowledgeError thrown. */
  async function candidate(text: string): Promise<{ knowledge: Knowledge; findings: KnowledgeFinding[] }> {
    const result = await evaluate(text);
    const errors = result.findings.filter((f) => f.level === 'error');
    if (errors.length > 0) {
      await trainBack();
      throw new KnowledgeError(file, errors.map(({ message, line, column, path: p }) => ({ message, line, column, path: p })));
    }
    return result;
  }

  function goLive(text: string, knowledge: Knowledge, findings: KnowledgeFinding[]): KnowledgeStatus {
    live = { knowledge, text };
    status = { file, version: (status?.version ?? 0) + 1, sha256: sha256(text), loadedAt: new Date().toISOString(), entries: knowledge.entries.length, warnings: findings };
    for (const listener of liveListeners) listener(status, text);
    return status;
  }

  function rejected(err: unknown, source: 'file' | 'publish'): never {
    const error = err instanceof KnowledgeError ? err : new KnowledgeError(file, [{ message: String((err as Error)?.message ?? err), line: 1, column: 1, path: '' }]);
    if (status) {
      status = { ...status, lastError: { at: new Date().toISOString(), source, message: error.message, problems: error.problems } };
      for (const listener of rejectedListeners) listener(error, source);
    }
    throw error;
  }

  async function load(): Promise<Knowledge> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new KnowledgeError(file, [{ message: `cannot read: ${(err as Error).message}`, line: 1, column: 1, path: '' }]);
    }
    // The file holds the live text already (our own publish, or an edit undone): nothing to retrain.
    if (live && status && sha256(text) === status.sha256) {
      if (status.lastError?.source === 'file') status = { ...status, lastError: undefined };
      return live.knowledge;
    }
    const { knowledge, findings } = await candidate(text);
    await train(understander, knowledge.entries);
    goLive(text, knowledge, findings);
    return knowledge;
  }

  const reload = () => serial(() => load().catch((err: unknown) => rejected(err, 'file')));

  async function writeAtomically(text: string) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, text, { flush: true });
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  await reload();
  return {
    current: () => live!.knowledge,
    text: () => live!.text,
    status: () => status!,
    reload,
    publish: (text, options = {}) =>
      serial(async () => {
        let accepted: Awaited<ReturnType<typeof candidate>>;
        try {
          accepted = await candidate(text);
        } catch (err) {
          return rejected(err, 'publish');
        }
        try {
          await options.beforeLive?.(accepted.knowledge);
          await writeAtomically(text);
        } catch (err) {
          // Not written (or not recorded): the file and the live version must stay the same text.
          await trainBack();
          throw err;
        }
        await train(understander, accepted.knowledge.entries);
        return goLive(text, accepted.knowledge, accepted.findings);
      }),
    check: (text) =>
      serial(async () => {
        try {
          const { findings } = await evaluate(text);
          await trainBack();
          return findings;
        } catch (err) {
          if (err instanceof KnowledgeError) return asFindings(err);
          throw err;
        }
      }),
    withDraft: (text, use) =>
      serial(async () => {
        if (text === undefined) return use(live!.knowledge, understander);
        const { knowledge } = parseKnowledgeDocument(text, file);
        await train(scratch, knowledge.entries);
        try {
          return await use(knowledge, scratch);
        } finally {
          await trainBack();
        }
      }),
    onLive(listener) {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    onRejected(listener) {
      rejectedListeners.add(listener);
      return () => rejectedListeners.delete(listener);
    },
    watch(onResult) {
      if (watcher) return;
      const changed = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const before = status!.version;
          reload().then(
            // A reload that found the live text unchanged (our own publish) is not news.
            () => status!.version !== before && onResult?.({ ok: true, status: status! }),
            (err: unknown) => onResult?.({ ok: false, error: err as KnowledgeError }),
          );
        }, 200);
      };
      // The folder, not the file: editors and git replace the file, which ends a watch on it.
      watcher = watch(path.dirname(path.resolve(file)), (_event, name) => {
        if (name === null || name === path.basename(file)) changed();
      });
      watcher.unref();
      // File events do not cross a network volume: another instance's publish to a shared file is
      // seen by polling its modification time too.
      poll = (now, before) => {
        if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) changed();
      };
      watchFile(file, { interval: 2000, persistent: false }, poll);
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
      if (poll) unwatchFile(file, poll);
      poll = undefined;
    },
  };
}
