import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.js';

describe('RFC 4180 CSV', () => {
  it('keeps quoted commas, doubled quotes and line breaks (bare CR too) inside fields', () => {
    const rows = parseCsv('id,text\r\n1,"a, ""quoted""\rline"\n2,plain\n');
    expect(rows).toEqual([
      ['id', 'text'],
      ['1', 'a, "quoted"\rline'],
      ['2', 'plain'],
    ]);
  });
});
