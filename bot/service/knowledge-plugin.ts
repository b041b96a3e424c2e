import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { checkKnowledge } from '../../config/knowledge/check-knowledge.js';
import { createKnowledgeHistory, type KnowledgeHistory } from '../../config/knowledge/knowledge-history.js';
import { createLiveKnowledge, type LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import type { Settings } from '../../config/settings.js';
import { DataDirError, describeDataError } from '../../store/data-dir-error.js';
import { testCaseOutcome } from '../turn/preview-turn.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The knowledge file that answers now. */
    knowledge: LiveKnowledge;
    /** Every version that went live (publish, rollback). */
    knowledgeHistory: KnowledgeHistory;
  }
}

/**
 * The knowledge file, checked against this service's own channels (every version, the first
 * included, must pass the checks and its test cases before it answers anyone), and its history.
 * On ready it watches the file (KNOWLEDGE_WATCH); as the close begins it stops watching.
 */
export const knowledgePlugin = fp(
  async (app: FastifyInstance, opts: { settings: Settings }) => {
    const { settings } = opts;
    const limits = Object.fromEntries([...app.channels.values()].map((c) => [c.name, c.limits]));
    const knowledge = await createLiveKnowledge(settings.KNOWLEDGE_FILE, app.understander, (k, locate, trained) =>
      checkKnowledge(k, locate, { limits, runCase: (text, channel) => testCaseOutcome(trained, k, text, channel) }),
    );
    app.decorate('knowledge', knowledge);
    app.addHook('preClose', async () => knowledge.close());
    const historyDir = path.join(settings.DATA_DIR, 'knowledge-history');
    const history = await createKnowledgeHistory(historyDir, knowledge).catch((err: NodeJS.ErrnoException) => {
      // A file system refusal (the data folder not writable) stops the start naming the folder.
      throw err.syscall ? new DataDirError(historyDir, describeDataError(err), err) : err;
    });
    app.decorate('knowledgeHistory', history);
    app.addHook('preClose', async () => history.close());
    knowledge.onRejected(() => app.metrics.knowledgeReloadFailed());
    if (!settings.KNOWLEDGE_WATCH) return;
    app.addHook('onReady', async () => {
      const log = app.log.child({ component: 'knowledge' });
      knowledge.watch((result) => {
        if (result.ok)
          log.info(
            { version: result.status.version, entries: result.status.entries, warnings: result.status.warnings.length },
            'knowledge file reloaded',
          );
        else
          log.error(
            { problems: result.error.problems },
            `knowledge file rejected, the previous version stays live: ${result.error.message}`,
          );
      });
    });
  },
  { name: 'knowledge', dependencies: ['understanding', 'channels'] },
);
