import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Understander } from '../../intents/understanding.js';
import type { KnowledgeFinding } from './check-knowledge.js';
import { KnowledgeError, loadKnowledgeDocument, type Locate } from './load-knowledge.js';
import type { Knowledge } from './schema.js';

/** Checks a candidate version (with the understanding already trained on it). */
export type ValidateKnowledge = (knowledge: Knowledge, locate: Locate) => Promise<KnowledgeFinding[]>;

export interface KnowledgeStatus {
  file: string;
  /** Goes up by one each time a new version goes live. */
  version: number;
  loadedAt: string;
  entries: number;
  warnings: KnowledgeFinding[];
  /** The last rejected version's problems, until a good version goes live. */
  lastError?: { at: string; message: string; problems: KnowledgeError['problems'] };
}

/**
 * The knowledge that is live now. A new version replaces it only once it has been parsed,
 * validated, the understanding retrained on it and its test cases passed; otherwise the previous
 * version keeps answering (and the understanding is trained back on it).
 */
export interface LiveKnowledge {
  current(): Knowledge;
  status(): KnowledgeStatus;
  /** Loads the file again; throws KnowledgeError (with lines) and keeps the live version on any problem. */
  reload(): Promise<Knowledge>;
  /** Reloads whenever the file changes, until `close`. */
  watch(onResult?: (result: { ok: true; status: KnowledgeStatus } | { ok: false; error: KnowledgeError }) => void): void;
  close(): void;
}

export async function createLiveKnowledge(file: string, understander: Understander, validate: ValidateKnowledge = async () => []): Promise<LiveKnowledge> {
  let live: Knowledge | undefined;
  let status: KnowledgeStatus | undefined;
  let watcher: FSWatcher | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Knowledge> {
    const { knowledge, locate } = await loadKnowledgeDocument(file);
    await understander.train(knowledge.entries);
    const findings = await validate(knowledge, locate);
    const errors = findings.filter((f) => f.level === 'error');
    if (errors.length > 0) {
      if (live) await understander.train(live.entries);
      throw new KnowledgeError(file, errors.map(({ message, line, column, path: p }) => ({ message, line, column, path: p })));
    }
    live = knowledge;
    status = { file, version: (status?.version ?? 0) + 1, loadedAt: new Date().toISOString(), entries: knowledge.entries.length, warnings: findings };
    return knowledge;
  }

  const reload = (): Promise<Knowledge> => {
    // One reload at a time, in the order asked.
    const next = queue.then(load, load);
    queue = next.catch(() => undefined);
    return next.catch((err: unknown) => {
      if (err instanceof KnowledgeError && status) status = { ...status, lastError: { at: new Date().toISOString(), message: err.message, problems: err.problems } };
      throw err;
    });
  };

  await reload();
  return {
    current: () => live!,
    status: () => status!,
    reload,
    watch(onResult) {
      if (watcher) return;
      let timer: NodeJS.Timeout | undefined;
      // The folder, not the file: editors and git replace the file, which ends a watch on it.
      watcher = watch(path.dirname(path.resolve(file)), (_event, name) => {
        if (name !== null && name !== path.basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          reload().then(
            () => onResult?.({ ok: true, status: status! }),
            (err: unknown) => onResult?.({ ok: false, error: err instanceof KnowledgeError ? err : new KnowledgeError(file, [{ message: String(err), line: 1, column: 1, path: '' }]) }),
          );
        }, 200);
      });
      watcher.unref();
    },
    close() {
      watcher?.close();
      watcher = undefined;
    },
  };
}
