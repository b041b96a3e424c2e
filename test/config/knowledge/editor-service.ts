import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { createService } from '../../../bot/create-service.js';
import { createKnowledgeHistory } from '../../../config/knowledge/knowledge-history.js';
import { knowledgeRoutes } from '../../../config/knowledge/knowledge-routes.js';
import { loadSettings } from '../../../config/settings.js';
import { accessPlugin } from '../../../handoff/access/access-plugin.js';
import { sessionRoutes } from '../../../handoff/access/session-routes.js';
import { createSessions } from '../../../handoff/access/sessions.js';
import { createUserDirectory } from '../../../handoff/access/user-directory.js';
import { exampleKnowledge, startService, type RunningService } from '../../helpers/start-service.js';

/**
 * The real service with the knowledge editor. Until create-service registers the access plugin and
 * the knowledge routes itself, they are registered here the way it will, before the service starts.
 */
export async function startEditorService(env: Record<string, string>): Promise<RunningService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'first-reply-test-'));
  const settings = loadSettings({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', KNOWLEDGE_FILE: exampleKnowledge,
    EMBEDDING_CACHE_DIR: path.join(tmpdir(), 'first-reply-test-embeddings'), UNDERSTANDING_THREADS: '0', ...env, DATA_DIR: dataDir,
  });
  const service = await createService(settings, { env });
  if (service.app.hasRoute({ method: 'GET', url: '/api/knowledge' })) {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
    return startService(env);
  }
  if (!service.app.hasDecorator('access')) {
    await service.app.register(accessPlugin, { users: createUserDirectory(new Keyv()), sessions: createSessions(new Keyv(), 3_600_000), sessionTtlMs: 3_600_000, secureCookies: false, now: Date.now });
    await service.app.register(sessionRoutes);
  }
  const history = await createKnowledgeHistory(path.join(dataDir, 'knowledge-history'), service.knowledge);
  await service.app.register(knowledgeRoutes, { knowledge: service.knowledge, history, channels: () => [...service.channels.keys()] });
  const url = await service.start();
  return {
    ...service,
    url,
    dataDir,
    settings,
    async dispose() {
      history.close();
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
