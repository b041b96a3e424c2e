import { describe, expect, it } from 'vitest';
import { type KnowledgeError, parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { isEntryActive, replyVariables } from '../../../config/knowledge/schema.js';
import { entryScriptIn } from '../../../config/knowledge/language-scripts.js';
import { toInstant } from '../../../config/time-zone.js';

const file = (entry: string, top = '') => `version: 1
${top}acknowledgement: A person will answer.
entries:
  - id: sale
    kind: campaign
    title: Winter sale
    keywords: [winter sale]
${entry}`;

describe('knowledge schema, marketing features', () => {
  it('reads windows in local time of the entry or file time zone, across daylight saving', () => {
    const k = parseKnowledge(
      file('    window: { start: "2026-03-29 01:30", end: "2026-10-25 12:00" }\n    reply: Hi\n', 'timezone: Europe/Berlin\n'),
    );
    // 01:30 on the night clocks go forward is still winter time (+01:00); October 25 noon is winter time again.
    expect(k.entries[0]!.window).toMatchObject({ start: '2026-03-29T00:30:00.000Z', end: '2026-10-25T11:00:00.000Z' });
    const ny = parseKnowledge(
      file('    window: { start: "2026-07-04", timezone: America/New_York }\n    reply: Hi\n', 'timezone: Europe/Berlin\n'),
    );
    expect(ny.entries[0]!.window!.start).toBe('2026-07-04T04:00:00.000Z');
    expect(toInstant('2026-11-20T09:00:00+01:00')).toBe(Date.parse('2026-11-20T08:00:00Z'));
  });

  it('switches an entry on and off exactly at its local window edges', () => {
    const k = parseKnowledge(
      file('    window: { start: "2026-11-27 00:00", end: "2026-11-30 23:59", timezone: Europe/London }\n    reply: Hi\n'),
    );
    const e = k.entries[0]!;
    expect(isEntryActive(e, 'x', new Date('2026-11-26T23:59:59Z'))).toBe(false);
    expect(isEntryActive(e, 'x', new Date('2026-11-27T00:00:00Z'))).toBe(true);
    expect(isEntryActive(e, 'x', new Date('2026-11-30T23:58:59Z'))).toBe(true);
    expect(isEntryActive(e, 'x', new Date('2026-11-30T23:59:00Z'))).toBe(false);
  });

  it('refuses a local time without a zone, an unknown zone and impossible dates, with their lines', () => {
    const problems = (text: string) => {
      try {
        parseKnowledge(text, 'k.yaml');
      } catch (err) {
        return (err as KnowledgeError).problems;
      }
      throw new Error('accepted');
    };
    expect(problems(file('    window: { start: "2026-11-27 09:00" }\n    reply: Hi\n'))[0]).toMatchObject({
      path: 'entries.0.window.start',
      line: 8,
    });
    expect(problems(file('    window: { start: "2026-11-27 09:00", timezone: Mars/Olympus }\n    reply: Hi\n'))[0]!.message).toMatch(
      /unknown time zone/,
    );
    expect(problems(file('    window: { start: "2026-02-30", timezone: UTC }\n    reply: Hi\n'))[0]!.path).toBe('entries.0.window.start');
  });

  it('picks the channel variant of a reply and fills its variables', () => {
    const k = parseKnowledge(
      file(
        '    vars: { eta: "3 days", link: "https://acme.example/sale" }\n    reply:\n      default: "{{title}} ends in {{eta}}: {{link}}"\n      x: "{{author}} {{eta}} left {{link}}"\n',
      ),
    );
    const e = k.entries[0]!;
    expect(entryScriptIn(e, 'mastodon', 'en')).toBe('{{title}} ends in {{eta}}: {{link}}');
    expect(entryScriptIn(e, 'x', 'en')).toBe('{{author}} {{eta}} left {{link}}');
    expect(replyVariables(e, '@ann')).toEqual({ title: 'Winter sale', eta: '3 days', link: 'https://acme.example/sale', author: '@ann' });
  });

  it('keeps test cases and negative examples on the entry', () => {
    const k = parseKnowledge(
      file(
        '    negative_examples: [is the winter sale staff discount taxed]\n    reply: Hi\n    tests:\n      - { text: is the winter sale on, expect: sale }\n      - { text: hello, channel: x, expect: handoff }\n',
      ),
    );
    expect(k.entries[0]!.negative_examples).toHaveLength(1);
    expect(k.entries[0]!.tests).toEqual([
      { text: 'is the winter sale on', expect: 'sale' },
      { text: 'hello', channel: 'x', expect: 'handoff' },
    ]);
  });
});
