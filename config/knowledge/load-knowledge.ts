import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, visit } from 'yaml';
import { knowledgeSchema, type Knowledge } from './schema.js';
import { firstOverLimit } from './yaml-limits.js';

export interface KnowledgeProblem {
  message: string;
  line: number;
  column: number;
  /** Dotted path of the offending value, e.g. entries.2.window.end */
  path: string;
  /** Set when the YAML parser refused the text (syntax, nesting, aliases): there is no data to check. */
  unreadable?: true;
}

/** A knowledge file that cannot go live: every problem carries its line and column. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(
    readonly file: string,
    readonly problems: KnowledgeProblem[],
  ) {
    super(
      `${file} is not a valid knowledge file:\n${problems.map((p) => `  ${file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}`,
    );
  }
}

/** Where a value stands in the file, found by its path (e.g. ['entries', 2, 'reply']). */
export type Locate = (path: readonly (string | number)[]) => { line: number; column: number };

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
  throw new KnowledgeError(
    file,
    result.error.issues.map((issue) => ({
      message: issue.message,
      ...locate(issue.path as (string | number)[]),
      path: issue.path.map(String).join('.'),
    })),
  );
}

/**
 * The YAML layer alone: the data and where each value stands, or a KnowledgeError for a text the
 * parser refuses (syntax, nesting, alias expansion). A check answers such a text with 422: it is not
 * a knowledge file with problems but no YAML at all.
 */
export function readKnowledgeYaml(text: string, file = 'knowledge.yaml'): { data: unknown; locate: Locate } {
  const problem = (message: string, offset: number): KnowledgeError => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return new KnowledgeError(file, [{ message, line, column: offset - before.lastIndexOf('\n'), path: '', unreadable: true }]);
  };
  const over = firstOverLimit(text, { depth: MAX_NESTING, aliases: MAX_ALIASES });
  if (over?.limit === 'depth')
    throw problem(`nested deeper than ${MAX_NESTING} levels: a knowledge file never needs this many`, over.offset);
  if (over?.limit === 'aliases') throw problem(`more than ${MAX_ALIASES} aliases: write the values out instead`, over.offset);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new KnowledgeError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { message: e.message.split('\n')[0] ?? e.message, line: pos.line, column: pos.col, path: '', unreadable: true as const };
      }),
    );
  }
  const locate: Locate = (path) => {
    const pos = lineCounter.linePos(nearestOffset(doc, [...path]));
    return { line: pos.line, column: pos.col };
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    // The yaml package refuses an alias expansion past the limit as it builds the data ("billion laughs").
    const message = /alias/i.test((err as Error).message)
      ? `aliases expand too much (more than ${MAX_ALIASES}): write the values out, or reuse fewer anchors`
      : `cannot read this YAML: ${(err as Error).message}`;
    throw problem(message, firstAliasOffset(doc) ?? 0);
  }
  return { data, locate };
}

function firstAliasOffset(doc: ReturnType<typeof parseDocument>): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
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

/** Start offset of the deepest node on `path` that exists (a missing key points at its parent). */
function nearestOffset(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}
