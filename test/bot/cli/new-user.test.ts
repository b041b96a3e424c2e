import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { newUserSplit, runNewUser } from '../../../bot/cli/new-user-command.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';

// A made-up brand and mentions, written for this test.
const KNOWLEDGE = `version: 1
acknowledgement: "Hi {{author}}, a person will reply here."
courtesy: "Glad we could help, {{author}}!"
entries:
  - id: parcel-late
    kind: incident
    title: Parcels late
    keywords: [parcel late]
    reply: "Hi {{author}}, parcels are running a few days late."
`;
const MENTIONS = `text,expect
@acme my parcel late again,parcel-late
@acme where is my order,parcel-late
"@acme parcel late, and it arrived damaged",handoff
@acme thank you!,no_reply
@acme my account is locked,handoff
`;

describe('npm run eval -- new-user', () => {
  it('decides each mention as the service would and scores it against what its writer expected', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-new-user-'));
    writeFileSync(path.join(dir, 'knowledge.yaml'), KNOWLEDGE);
    writeFileSync(path.join(dir, 'mentions.csv'), MENTIONS);
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c) => {
      printed += String(c);
    });
    const score = await runNewUser(
      { file: path.join(dir, 'mentions.csv'), knowledge: path.join(dir, 'knowledge.yaml'), split: 'all', out: path.join(dir, 'd.csv') },
      { loadUnderstander: async () => createKeywordUnderstander(), out, progress: false },
    );
    expect(score).toMatchObject({ mentions: 5, entryLabelled: 2, covered: 1, wrong: 1, noReplyLabelled: 1, noReplyRight: 1 });
    // Each decision not as expected is listed, with what the bot did.
    expect(printed).toContain('"@acme where is my order": handoff, expected parcel-late');
    expect(printed).toContain('"@acme parcel late, and it arrived damaged": parcel-late, expected handoff');
    const rows = readFileSync(path.join(dir, 'd.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/,expect,split$/);
  });

  it('refuses an expectation that is no decision of the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-new-user-'));
    writeFileSync(path.join(dir, 'knowledge.yaml'), KNOWLEDGE);
    writeFileSync(path.join(dir, 'mentions.csv'), 'text,expect\n@acme hi,parcel-early\n');
    await expect(
      runNewUser(
        { file: path.join(dir, 'mentions.csv'), knowledge: path.join(dir, 'knowledge.yaml'), split: 'all' },
        { loadUnderstander: async () => createKeywordUnderstander(), out: new PassThrough(), progress: false },
      ),
    ).rejects.toThrow(/row 1 expects "parcel-early"/);
  });

  it('splits by the text alone, about a third final', () => {
    const texts = Array.from({ length: 400 }, (_, i) => `@acme mention ${i}`);
    const final = texts.filter((t) => newUserSplit(t) === 'final').length;
    expect(final).toBeGreaterThan(100);
    expect(final).toBeLessThan(200);
    expect(newUserSplit(texts[0]!)).toBe(newUserSplit(texts[0]!));
  });
});
