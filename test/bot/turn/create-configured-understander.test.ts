import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfiguredUnderstander } from '../../../bot/turn/create-configured-understander.js';
import { loadKnowledgeFile } from '../../../config/knowledge/load-knowledge.js';
import { loadSettings } from '../../../config/settings.js';
import { stderrLog } from '../../../shared/log.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fr-configured-understander-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('createConfiguredUnderstander', () => {
  it('answers a known incident at the calibrated threshold and hands it off when ANSWER_THRESHOLD asks for certainty', async () => {
    const { entries } = await loadKnowledgeFile(path.resolve('config/knowledge.yaml'));
    const mention = { text: '@acme my parcel is two weeks late, where is it?', channel: 'sandbox' };

    const calibrated = await createConfiguredUnderstander(loadSettings({ DATA_DIR: dataDir, UNDERSTANDING_THREADS: '0' }), stderrLog);
    await calibrated.train(entries);
    const answered = await calibrated.understand(mention);
    expect(answered).toMatchObject({ decision: 'answer', intent: 'parcel-delays' });
    expect(answered.confidence).toBeLessThan(1);

    const strict = await createConfiguredUnderstander(
      loadSettings({ DATA_DIR: dataDir, UNDERSTANDING_THREADS: '0', ANSWER_THRESHOLD: '1' }),
      stderrLog,
    );
    await strict.train(entries);
    const handedOff = await strict.understand(mention);
    expect(handedOff.decision).toBe('handoff');
  }, 60_000);
});
