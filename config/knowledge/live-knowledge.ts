import type { Understander } from '../../intents/understanding.js';
import { loadKnowledgeFile } from './load-knowledge.js';
import type { Knowledge } from './schema.js';

/**
 * The knowledge that is live now. A new version replaces it only once it has been parsed,
 * validated and the understanding retrained on it; otherwise the previous one keeps answering.
 */
export interface LiveKnowledge {
  current(): Knowledge;
  /** Loads the file again; throws (KnowledgeError...) and keeps the live version on any problem. */
  reload(): Promise<Knowledge>;
}

export async function createLiveKnowledge(file: string, understander: Understander): Promise<LiveKnowledge> {
  let live = await loadKnowledgeFile(file);
  await understander.train(live.entries);
  return {
    current: () => live,
    async reload() {
      const next = await loadKnowledgeFile(file);
      await understander.train(next.entries);
      live = next;
      return live;
    },
  };
}
