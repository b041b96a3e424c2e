import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKnowledge } from '../../../config/knowledge/check-knowledge.js';
import { loadKnowledgeDocument } from '../../../config/knowledge/load-knowledge.js';
import { isEntryActive } from '../../../config/knowledge/schema.js';
import { loadSettings } from '../../../config/settings.js';
import { createConfiguredUnderstander } from '../../../bot/turn/create-configured-understander.js';
import { previewTurn, testCaseOutcome } from '../../../bot/turn/preview-turn.js';
import { exampleKnowledge } from '../../helpers/start-service.js';
import { stderrLog } from '../../../shared/log.js';

describe('issue 18 — the shipped example knowledge file does not expire', () => {
  it('finding 4: has no window that ends, and checks with no warning now and years from now', { timeout: 60_000 }, async () => {
    const { knowledge, locate } = await loadKnowledgeDocument(exampleKnowledge);
    expect(knowledge.entries.filter((e) => e.window?.end !== undefined).map((e) => e.id)).toEqual([]);

    // The understanding a new user gets (the service's default settings), as `first-reply check` runs it.
    const understander = await createConfiguredUnderstander(
      loadSettings({ EMBEDDING_CACHE_DIR: path.join(tmpdir(), 'first-reply-test-embeddings'), UNDERSTANDING_THREADS: '0' }),
      stderrLog,
    );
    await understander.train(knowledge.entries);
    for (const now of [new Date(), new Date(Date.now() + 5 * 365 * 86_400_000)]) {
      const findings = await checkKnowledge(knowledge, locate, {
        now,
        runCase: (text, channel) => testCaseOutcome(understander, knowledge, text, channel, now),
      });
      expect(findings, now.toISOString()).toEqual([]);
      expect(knowledge.entries.filter((e) => !isEntryActive(e, 'sandbox', now)).map((e) => e.id)).toEqual([]);
      // The campaign's example question is answered from the entry, not handed off.
      const decision = await previewTurn(understander, knowledge, '@acme is there a black friday discount', 'sandbox', now);
      expect(decision, now.toISOString()).toMatchObject({ status: 'answered', entryId: 'black-friday' });
    }
  });
});
