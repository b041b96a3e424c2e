import { MIN_PASSWORD_LENGTH } from '../../config/password-policy.js';
import type { KnowledgeFinding } from '../../config/knowledge/check-knowledge.js';

export interface StartupFacts {
  /** Where the service listens, as app.listen gives it (http://host:port). */
  address: string;
  hasAdmin: boolean;
  /** describeStore's text. */
  store: string;
  channels: string[];
  /** The live knowledge's number in the history (what the console and /readyz show). */
  knowledgeVersion: number | undefined;
  knowledgeFile: string;
  warnings: KnowledgeFinding[];
}

export const HOW_TO_ADD_ADMIN = `set ADMIN_PASSWORD (at least ${MIN_PASSWORD_LENGTH} characters) and restart, or run: npm run cli -- users add <name> --role admin --password-stdin`;

/**
 * The start-up line an operator reads first: where the console is, whether anyone can sign in to it
 * (and how to make the first admin), which store, which channels, and the live knowledge version
 * with its warning count. Returned as a message and the same facts as fields.
 */
export function startupSummary(facts: StartupFacts): { message: string; fields: Record<string, unknown> } {
  const consoleUrl = `${facts.address}/console`;
  const admin = facts.hasAdmin ? 'an admin can sign in' : `no admin yet: ${HOW_TO_ADD_ADMIN}`;
  const version = facts.knowledgeVersion === undefined ? 'not recorded yet' : `version ${facts.knowledgeVersion}`;
  const knowledge = `knowledge ${version} (${facts.warnings.length} warning${facts.warnings.length === 1 ? '' : 's'})`;
  const channels = facts.channels.length > 0 ? facts.channels.join(', ') : 'none';
  return {
    message: `first-reply is listening: console at ${consoleUrl}; ${admin}; store: ${facts.store}; channels: ${channels}; ${knowledge}`,
    fields: {
      address: facts.address,
      console: consoleUrl,
      admin: facts.hasAdmin,
      store: facts.store,
      channels: facts.channels,
      knowledge: { file: facts.knowledgeFile, version: facts.knowledgeVersion ?? null, warnings: facts.warnings.length },
    },
  };
}

/** One warn-level line per knowledge warning, as `first-reply check` prints it (file:line:column path: message). */
export function warningLines(file: string, warnings: KnowledgeFinding[]): string[] {
  return warnings.map((w) => `knowledge warning ${file}:${w.line}:${w.column} ${w.path}: ${w.message}`);
}
