import { readFile } from 'node:fs/promises';
import { describeProblems, type FileProblem, type Locate, locateIssues, readYaml } from '../read-yaml.js';
import { knowledgeSchema, type Knowledge } from './schema.js';

export type KnowledgeProblem = FileProblem;
export type { Locate };

/** A knowledge file that cannot go live: every problem carries its line and column. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(
    readonly file: string,
    readonly problems: KnowledgeProblem[],
  ) {
    super(`${file} is not a valid knowledge file:\n${describeProblems(file, problems)}`);
  }
}

/** A knowledge file needs a handful of levels; far more is a mistake or an attack on the parser. */
export const MAX_NESTING = 64;
/** Aliases (`*name`) in a file, and how far they may expand the data: a few reuse values, a "billion laughs" does not fit. */
export const MAX_ALIASES = 100;

/**
 * Parses and validates knowledge text (YAML, of which JSON is a subset), keeping positions. Every
 * text the parser refuses or that exceeds its limits (nesting, alias expansion) is a KnowledgeError
 * with a line and column, whoever asks: a reload, a check, a preview or a publish.
 */
export function parseKnowledgeDocument(text: string, file = 'knowledge.yaml'): { knowledge: Knowledge; locate: Locate } {
  const { data, locate } = readKnowledgeYaml(text, file);
  const result = knowledgeSchema.safeParse(data);
  if (result.success) return { knowledge: result.data, locate };
  throw new KnowledgeError(file, locateIssues(result.error.issues, locate));
}

/**
 * The YAML layer alone: the data and where each value stands, or a KnowledgeError for a text the
 * parser refuses (syntax, nesting, alias expansion). A check answers such a text with 422: it is not
 * a knowledge file with problems but no YAML at all.
 */
export function readKnowledgeYaml(text: string, file = 'knowledge.yaml'): { data: unknown; locate: Locate } {
  return readYaml(text, {
    limits: { depth: MAX_NESTING, aliases: MAX_ALIASES },
    what: 'a knowledge file',
    fail: (problems) => new KnowledgeError(file, problems),
  });
}

export function parseKnowledge(text: string, file = 'knowledge.yaml'): Knowledge {
  return parseKnowledgeDocument(text, file).knowledge;
}

export async function loadKnowledgeFile(file: string): Promise<Knowledge> {
  return (await loadKnowledgeDocument(file)).knowledge;
}

export async function loadKnowledgeDocument(file: string): Promise<{ knowledge: Knowledge; locate: Locate }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new KnowledgeError(file, [{ message: `cannot read: ${(err as Error).message}`, line: 1, column: 1, path: '' }]);
  }
  return parseKnowledgeDocument(text, file);
}
