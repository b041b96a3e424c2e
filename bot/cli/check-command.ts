import { checkKnowledge } from '../../config/knowledge/check-knowledge.js';
import { KnowledgeError, loadKnowledgeDocument } from '../../config/knowledge/load-knowledge.js';
import { testCaseOutcome } from '../turn/preview-turn.js';
import { loadUnderstander } from './load-understander.js';

/**
 * `first-reply check <file>`: every check the service runs before a version goes live, test cases
 * included. Exit 0 when it would go live, 1 when not: fit for a pre-commit hook or CI.
 */
export async function checkCommand(file: string, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let doc;
  try {
    doc = await loadKnowledgeDocument(file);
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    for (const p of err.problems) out.write(`${file}:${p.line}:${p.column} error ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
    out.write(`${err.problems.length} error(s): this file would be rejected\n`);
    return 1;
  }
  const { knowledge, locate } = doc;
  const understander = await loadUnderstander();
  await understander.train(knowledge.entries);
  const findings = await checkKnowledge(knowledge, locate, {
    runCase: (text, channel) => testCaseOutcome(understander, knowledge, text, channel),
  });
  for (const f of findings) out.write(`${file}:${f.line}:${f.column} ${f.level} ${f.path}: ${f.message}\n`);
  const errors = findings.filter((f) => f.level === 'error').length;
  const tests = knowledge.entries.reduce((n, e) => n + e.tests.length, 0);
  out.write(
    `${knowledge.entries.length} entries, ${tests} test case(s): ${errors} error(s), ${findings.length - errors} warning(s)${errors ? ': this file would be rejected' : ': ok to publish'}\n`,
  );
  return errors ? 1 : 0;
}
