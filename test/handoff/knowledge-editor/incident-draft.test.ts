import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addIncident, DraftEditError, endWindow, incidentId } from '../../../handoff/knowledge-editor/incident-draft.js';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { exampleKnowledge } from '../../helpers/start-service.js';

const base = readFileSync(exampleKnowledge, 'utf8');
const incident = {
  title: 'Checkout payments failing',
  start: '2026-12-06T15:00:00Z',
  action: 'Please wait before paying again: you will not be charged twice',
  link: 'https://status.acme.example',
  keywords: ['checkout failing', 'payment failed'],
  examples: ['checkout keeps failing when I pay', 'my card: "declined" #again'],
};

describe('new incident and end incident as text edits', () => {
  it('adds an incident at the end of entries and keeps every other byte', () => {
    const { text, id } = addIncident(base, incident);
    expect(id).toBe('checkout-payments-failing');
    expect(text.startsWith(base.trimEnd())).toBe(true);
    const k = parseKnowledge(text);
    const e = k.entries.at(-1)!;
    expect(e).toMatchObject({
      id,
      kind: 'incident',
      title: incident.title,
      window: { start: '2026-12-06T15:00:00.000Z' },
      keywords: incident.keywords,
      examples: incident.examples,
      vars: { link: incident.link },
    });
    expect(e.reply).toBe(
      'Hi {{author}}, we know about this and are on it. Please wait before paying again: you will not be charged twice. Updates: {{link}}',
    );
    expect(text).toContain('    keywords: [ checkout failing, payment failed ]');
    // A second one with the same title gets a free id.
    expect(addIncident(text, incident).id).toBe('checkout-payments-failing-2');
  });

  it('turns an empty list into a block list, and refuses a text that does not parse', () => {
    const empty = 'version: 1\nacknowledgement: hi\nentries: []\n';
    const { text } = addIncident(empty, incident);
    expect(parseKnowledge(text).entries.map((e) => e.id)).toEqual(['checkout-payments-failing']);
    expect(() => addIncident('entries: [\n', incident)).toThrow(DraftEditError);
  });

  it('ends a window: sets end, adds end to a window without one, or adds a window', () => {
    const end = '2026-12-06T16:30:00Z';
    const withStart = endWindow(base, 'parcel-delays', end);
    expect(withStart).toBe(base.replace('      start: 2026-01-01T00:00:00Z\n', `      start: 2026-01-01T00:00:00Z\n      end: ${end}\n`));
    expect(endWindow(withStart, 'parcel-delays', '2026-12-07T00:00:00Z')).toBe(withStart.replace(end, '2026-12-07T00:00:00Z'));
    const noWindow = endWindow(base, 'app-outage', end);
    expect(noWindow).toBe(base.replace('  - id: app-outage\n', `  - id: app-outage\n    window:\n      end: ${end}\n`));
    expect(parseKnowledge(noWindow).entries.find((e) => e.id === 'app-outage')!.window).toEqual({ end: '2026-12-06T16:30:00.000Z' });
    const flow = base.replace('    window:\n      start: 2026-01-01T00:00:00Z\n', '    window: { start: 2026-01-01T00:00:00Z }\n');
    expect(endWindow(flow, 'parcel-delays', end)).toContain(`    window: { start: 2026-01-01T00:00:00Z, end: ${end} }\n`);
    expect(() => endWindow(base, 'nope', end)).toThrow(/no entry "nope"/);
  });

  it('makes ids from titles', () => {
    expect(incidentId('Zahlung schlägt fehl!', new Set())).toBe('zahlung-schlagt-fehl');
    expect(incidentId('💥', new Set(['incident']))).toBe('incident-2');
  });
});
