import { startService, type RunningService } from '../../helpers/start-service.js';

/** The real service, whose knowledge editor (routes, history, access) is part of it. */
export async function startEditorService(env: Record<string, string>): Promise<RunningService> {
  return startService(env);
}
