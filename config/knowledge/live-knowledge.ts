import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeAtomically } from '../write-atomically.js';
import type { Understander } from '../../intents/understanding.js';
import type { KnowledgeFinding } from './check-knowledge.js';
import { KnowledgeError, parseKnowledgeDocument } from './load-knowledge.js';
import type {
  AcceptedVersion,
  KnowledgeStatus,
  LiveKnowledge,
  LiveListener,
  PublishSteps,
  RejectedListener,
  ValidateKnowledge,
} from './live-knowledge-types.js';
import type { Knowledge, KnowledgeEntry } from './schema.js';
import { watchKnowledgeFile } from './watch-knowledge-file.js';

export type * from './live-knowledge-types.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const asFindings = (err: KnowledgeError): KnowledgeFinding[] => err.problems.map((p) => ({ level: 'error', ...p }));

export async function createLiveKnowledge(
  file: string,
  understander: Understander,
  validate: ValidateKnowledge = async () => [],
): Promise<LiveKnowledge> {
  let live: { knowledge: Knowledge; text: string } | undefined;
  let status: KnowledgeStatus | undefined;
  let unwatch: (() => void) | undefined;
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
    const key = JSON.stringify(entries.map(({ reply: _reply, replies: _replies, vars: _vars, tests: _tests, ...learned }) => learned));
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
  async function candidate(text: string): Promise<AcceptedVersion> {
    const result = await evaluate(text);
    const errors = result.findings.filter((f) => f.level === 'error');
    if (errors.length > 0) {
      await trainBack();
      throw new KnowledgeError(
        file,
        errors.map(({ message, line, column, path: p }) => ({ message, line, column, path: p })),
      );
    }
    return { text, ...result };
  }

  async function goLive({ text, knowledge, findings }: AcceptedVersion, source: 'file' | 'publish'): Promise<KnowledgeStatus> {
    await train(understander, knowledge.entries);
    live = { knowledge, text };
    status = {
      file,
      version: (status?.version ?? 0) + 1,
      sha256: sha256(text),
      loadedAt: new Date().toISOString(),
      entries: knowledge.entries.length,
      warnings: findings,
    };
    for (const listener of liveListeners) listener(status, text, source);
    return status;
  }

  function rejected(err: unknown, source: 'file' | 'publish'): never {
    const error =
      err instanceof KnowledgeError
        ? err
        : new KnowledgeError(file, [{ message: String((err as Error)?.message ?? err), line: 1, column: 1, path: '' }]);
    if (status) {
      status = { ...status, lastError: { at: new Date().toISOString(), source, message: error.message, problems: error.problems } };
      for (const listener of rejectedListeners) listener(error, source);
    }
    throw error;
  }

  let refusedSha: string | undefined;

  async function load(): Promise<Knowledge> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new KnowledgeError(file, [{ message: `cannot read: ${(err as Error).message}`, line: 1, column: 1, path: '' }]);
    }
    // The file holds the live text already (written by a publish, which put it live itself, or an
    // edit undone): the watcher's event for it is not news.
    const sha = sha256(text);
    if (live && status && sha === status.sha256) {
      if (status.lastError?.source === 'file') status = { ...status, lastError: undefined };
      return live.knowledge;
    }
    // The text refused last time, seen again (the folder's event and the poll both see one save): said once.
    if (live && sha === refusedSha) return live.knowledge;
    const accepted = await candidate(text).catch((err: unknown) => {
      // Only a text found wrong: a failure of the moment (the encoder) is tried again at the next event.
      if (err instanceof KnowledgeError) refusedSha = sha;
      throw err;
    });
    refusedSha = undefined;
    await goLive(accepted, 'file');
    return accepted.knowledge;
  }

  const reload = () => serial(() => load().catch((err: unknown) => rejected(err, 'file')));

  const steps: PublishSteps = {
    check: (text) => candidate(text).catch((err: unknown) => rejected(err, 'publish')),
    async putLive(version) {
      try {
        await writeAtomically(file, version.text);
      } catch (err) {
        // Not written: the file and the live version must stay the same text.
        await trainBack();
        throw err;
      }
      return goLive(version, 'publish');
    },
  };
  const publishing = <T>(run: (s: PublishSteps) => Promise<T>) =>
    serial(async () => {
      try {
        return await run(steps);
      } catch (err) {
        // A step after the check failed (the caller's own, recording it): the live version stays.
        await trainBack();
        throw err;
      }
    });

  await reload();
  return {
    current: () => live!.knowledge,
    text: () => live!.text,
    status: () => status!,
    reload,
    publish: (text) => publishing(async (steps) => steps.putLive(await steps.check(text))),
    publishing,
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
      if (unwatch) return;
      unwatch = watchKnowledgeFile(file, () => {
        const before = status!.version;
        reload().then(
          () => status!.version !== before && onResult?.({ ok: true, status: status! }),
          (err: unknown) => onResult?.({ ok: false, error: err as KnowledgeError }),
        );
      });
    },
    close() {
      unwatch?.();
      unwatch = undefined;
    },
  };
}
