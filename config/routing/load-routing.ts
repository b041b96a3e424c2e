import { describeProblems, type FileProblem, type Locate, locateIssues, readYaml } from '../read-yaml.js';
import { type Routing, routingSchema } from './schema.js';

/** A routing file that cannot go live: every problem carries its line and column. */
export class RoutingError extends Error {
  override name = 'RoutingError';
  constructor(
    readonly file: string,
    readonly problems: FileProblem[],
  ) {
    super(`${file} is not a valid routing file:\n${describeProblems(file, problems)}`);
  }
}

// A routing file is a list of flat rules: a few levels, no reason for many aliases.
const LIMITS = { depth: 16, aliases: 50 };
/** Texts longer than this are refused before parsing (a thousand rules fit). */
export const ROUTING_TEXT_LIMIT = 500_000;

/** Parses and validates routing text (YAML or JSON); any problem is a RoutingError with line and column. */
export function parseRouting(text: string, file = 'routing.yaml'): { routing: Routing; locate: Locate } {
  if (text.length > ROUTING_TEXT_LIMIT)
    throw new RoutingError(file, [
      { message: `longer than ${ROUTING_TEXT_LIMIT} characters`, line: 1, column: 1, path: '', unreadable: true },
    ]);
  const { data, locate } = readYaml(text, { limits: LIMITS, what: 'a routing file', fail: (problems) => new RoutingError(file, problems) });
  const result = routingSchema.safeParse(data);
  if (result.success) return { routing: result.data, locate };
  throw new RoutingError(file, locateIssues(result.error.issues, locate));
}
