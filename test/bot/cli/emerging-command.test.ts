import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { emergingCommand } from '../../../bot/cli/emerging-command.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fr-emerging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WAVE = [
  'the app will not load my playlists since this morning',
  'playlists not loading in the app at all',
  'is the app down? my playlists will not load',
  'cannot load playlists, app just spins',
  'app stuck loading playlists on iphone',
  'my playlists are not loading on android either',
  'playlists keep loading forever in the app',
  'the app does not load any playlist right now',
];
const OTHERS = ['how do I change the email on my account', 'I was charged twice this month', 'please bring back the old shuffle button'];

/** A Customer Support on Twitter layout: one brand reply (inbound False) among customers' tweets, out of time order. */
function twcsCsv(): string {
  const rows = ['tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id'];
  const at = (minute: number) => `Tue Mar 03 09:${String(minute).padStart(2, '0')}:00 +0000 2026`;
  WAVE.forEach((t, i) => rows.push(`${100 + i},${500 + i},True,${at(50 - i * 5)},"@AcmeCares ${t}",,`));
  OTHERS.forEach((t, i) => rows.push(`${200 + i},${600 + i},True,${at(i * 7)},"@AcmeCares ${t}",,`));
  rows.push(`300,AcmeCares,False,${at(55)},"@u we are looking into it",,100`);
  return `${rows.join('\n')}\n`;
}

async function run(args: Parameters<typeof emergingCommand>[1]) {
  const file = path.join(dir, 'mentions.csv');
  writeFileSync(file, twcsCsv());
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  const code = await emergingCommand(file, args, out);
  return { code, text };
}

describe('first-reply emerging: the grouping over a file of past mentions', () => {
  it('prints the group it raises with a drafted entry, and writes each mention group', async () => {
    const out = path.join(dir, 'groups.csv');
    const { code, text } = await run({ noEmbeddings: true, out });
    expect(code).toBe(0);
    expect(text).toMatch(/group \d+ raised at 2026-03-03T09:\d\d:00\.000Z: 8 mentions from 8 authors/);
    expect(text).toMatch(/words: .*playlists/);
    expect(text).toContain('kind: incident');
    expect(text).not.toContain('@AcmeCares');
    expect(text).toMatch(/read 11; left out 0/);
    expect(text).toMatch(/groups raised\s+1/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,group');
    const group = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    const waveGroups = new Set(WAVE.map((_, i) => group.get(String(100 + i))));
    expect(waveGroups.size).toBe(1);
    expect([...waveGroups][0]).toMatch(/^\d+$/);
    for (const i of [200, 201, 202]) expect(group.get(String(i))).toBe('');
    // The brand's own tweet is not a mention.
    expect(group.has('300')).toBe(false);
  });

  it('reports how a wave labelled by hand came out, and reads only the period asked for', async () => {
    const labels = path.join(dir, 'labels.csv');
    const rows = ['source,tweet_id,wave,label'];
    WAVE.forEach((_, i) => rows.push(`mentions.csv,${100 + i},playlists,report`));
    OTHERS.forEach((_, i) => rows.push(`mentions.csv,${200 + i},playlists,other`));
    writeFileSync(labels, `${rows.join('\n')}\n`);
    const { text } = await run({ noEmbeddings: true, labels });
    expect(text).toContain("playlists: 8 of its 8 reports in one raised group (100%); 8 of that group's 8 mentions about the issue (100%)");
    expect(text).toContain(
      'within reach: 8 of its 8 reports grouped (the others left out or outside the period); at most 8 of them within one window of 60 minutes (a group is raised at 8)',
    );
    // The wave runs 09:15-09:50: from 09:30 on, five of its mentions are left, too few to raise it.
    const later = await run({ noEmbeddings: true, labels, from: '2026-03-03T09:30:00Z', to: '2026-03-03T10:00:00Z' });
    expect(later.text).toMatch(/read 5; left out 0/);
    expect(later.text).toContain('playlists: none of its 8 reports is in a raised group');
    // Five reached the grouping, never the eight a group is raised at: the figure's ceiling says so.
    expect(later.text).toContain('within reach: 5 of its 8 reports grouped');
    expect(later.text).toContain('at most 5 of them within one window of 60 minutes (a group is raised at 8)');
    // Twenty minutes' window: the wave's mentions come every five minutes, so five at most at once
    // (one twenty minutes older than the newest is still in the window).
    const narrow = await run({ noEmbeddings: true, labels, window: '20' });
    expect(narrow.text).toContain('at most 5 of them within one window of 20 minutes');
  });

  it('raises nothing when the group needs more authors than wrote', async () => {
    const { text } = await run({ noEmbeddings: true, minAuthors: '9' });
    expect(text).toMatch(/groups raised\s+0/);
  });

  it('reads only the first N customer rows with --limit (in file order, before time order)', async () => {
    // The file's first five customer rows are wave mentions 0-4: too few to raise the wave.
    const { text } = await run({ noEmbeddings: true, limit: '5' });
    expect(text).toMatch(/read 5; left out 0/);
    expect(text).toMatch(/groups raised\s+0/);
    const all = await run({ noEmbeddings: true, limit: '100' });
    expect(all.text).toMatch(/read 11; left out 0/);
    await expect(run({ noEmbeddings: true, limit: '0' })).rejects.toThrow('--limit must be a whole number of at least 1');
  });

  it('refuses a malformed option with its name', async () => {
    await expect(run({ noEmbeddings: true, window: 'soon' })).rejects.toThrow('--window must be a whole number');
  });
});
