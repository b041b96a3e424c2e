import { isNode, LineCounter, parseDocument, visit } from 'yaml';
import { firstOverLimit, type YamlLimits } from './knowledge/yaml-limits.js';

/** One problem in a config file, where it stands. */
export interface FileProblem {
  message: string;
  line: number;
  column: number;
  /** Dotted path of the offending value, e.g. entries.2.window.end */
  path: string;
  /** Set when the YAML parser refused the text (syntax, nesting, aliases): there is no data to check. */
  unreadable?: true;
}

/** Where a value stands in the file, found by its path (e.g. ['entries', 2, 'reply']). */
export type Locate = (path: readonly (string | number)[]) => { line: number; column: number };

export interface ReadYamlOptions {
  limits: YamlLimits;
  /** What the file is, in the refusal of too deep a text ("a knowledge file"). */
  what: string;
  /** The caller's own error for the problems found (KnowledgeError, RoutingError). */
  fail: (problems: FileProblem[]) => Error;
}

/**
 * The YAML layer of a config file (knowledge, routing): the data and where each value stands, or
 * the caller's error for a text the parser refuses (syntax, nesting, alias expansion), with line and column.
 */
export function readYaml(text: string, { limits, what, fail }: ReadYamlOptions): { data: unknown; locate: Locate } {
  const problem = (message: string, offset: number): Error => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return fail([{ message, line, column: offset - before.lastIndexOf('\n'), path: '', unreadable: true }]);
  };
  const over = firstOverLimit(text, limits);
  if (over?.limit === 'depth') throw problem(`nested deeper than ${limits.depth} levels: ${what} never needs this many`, over.offset);
  if (over?.limit === 'aliases') throw problem(`more than ${limits.aliases} aliases: write the values out instead`, over.offset);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw fail(
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
    data = doc.toJS({ maxAliasCount: limits.aliases });
  } catch (err) {
    // The yaml package refuses an alias expansion past the limit as it builds the data ("billion laughs").
    const message = /alias/i.test((err as Error).message)
      ? `aliases expand too much (more than ${limits.aliases}): write the values out, or reuse fewer anchors`
      : `cannot read this YAML: ${(err as Error).message}`;
    throw problem(message, firstAliasOffset(doc) ?? 0);
  }
  return { data, locate };
}

/** A schema's issues as problems with their line and column. */
export function locateIssues(issues: readonly { message: string; path: readonly PropertyKey[] }[], locate: Locate): FileProblem[] {
  return issues.map((issue) => ({
    message: issue.message,
    ...locate(issue.path as (string | number)[]),
    path: issue.path.map(String).join('.'),
  }));
}

/** "file:line:column path: message" lines, for an error's message. */
export const describeProblems = (file: string, problems: readonly FileProblem[]): string =>
  problems.map((p) => `  ${file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n');

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

/** Start offset of the deepest node on `path` that exists (a missing key points at its parent). */
function nearestOffset(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}
