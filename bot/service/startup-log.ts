import type { FastifyInstance } from 'fastify';
import type { Settings } from '../../config/settings.js';
import { hasRole } from '../../handoff/access/roles.js';
import { startupSummary, warningLines } from '../server/startup-summary.js';
import { knowledgeFileWritable } from '../../config/knowledge/file-writable.js';
import { describeStore } from '../../store/describe-store.js';

/** The start-up lines an operator reads first (see startup-summary.ts), once the service listens. */
export async function logStartupSummary(app: FastifyInstance, settings: Settings, address: string): Promise<void> {
  const status = app.knowledge.status();
  const summary = startupSummary({
    address,
    hasAdmin: (await app.access.users.listUsers()).some((u) => hasRole(u, 'admin')),
    store: describeStore(settings),
    channels: [...app.channels.keys()],
    knowledgeVersion: (await app.knowledgeHistory.versionOf(status.sha256))?.version,
    knowledgeFile: settings.KNOWLEDGE_FILE,
    warnings: status.warnings,
  });
  app.log.info(summary.fields, summary.message);
  for (const line of warningLines(settings.KNOWLEDGE_FILE, status.warnings)) app.log.warn(line);
  const writable = await knowledgeFileWritable(settings.KNOWLEDGE_FILE);
  if (!writable.writable)
    app.log.warn(
      `KNOWLEDGE_FILE cannot be written (${writable.reason}): the bot answers from it, but publishing from the console will fail until it can be written`,
    );
}
