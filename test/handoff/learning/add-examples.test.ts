import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addExamples } from '../../../handoff/learning/add-examples.js';
import { DraftEditError } from '../../../handoff/knowledge-editor/incident-draft.js';

const FILE = `# our answers
entries:
  - id: parcel-delays
    title: Parcels late # keep me
    examples:
      - where is my parcel
      - "my order is late"
    reply: Sorry {{author}}.
  - id: flow
    title: Flow
    examples: [one, two]
    reply: Hi.
  - id: bare
    title: Bare
    reply: Hi.
`;

const entry = (text: string, id: string) => (parse(text) as { entries: Record<string, unknown>[] }).entries.find((e) => e.id === id)!;

describe('addExamples', () => {
  it('appends to a block list, keeping every other line as written', () => {
    const out = addExamples(FILE, 'parcel-delays', 'examples', ['parcel not here yet']);
    expect(entry(out, 'parcel-delays').examples).toEqual(['where is my parcel', 'my order is late', 'parcel not here yet']);
    expect(out).toContain('title: Parcels late # keep me');
    expect(out.split('\n').length).toBe(FILE.split('\n').length + 1);
  });

  it('appends to a flow list, and adds a missing list after the id', () => {
    expect(entry(addExamples(FILE, 'flow', 'examples', ['three']), 'flow').examples).toEqual(['one', 'two', 'three']);
    const bare = addExamples(FILE, 'bare', 'negative_examples', ['not about this']);
    expect(entry(bare, 'bare').negative_examples).toEqual(['not about this']);
    expect(entry(bare, 'bare').title).toBe('Bare');
  });

  it('quotes customer text so it cannot add keys or end the list', () => {
    const hostile = 'x"\n    reply: pwned\n  - id: evil: [';
    const out = addExamples(FILE, 'parcel-delays', 'examples', [hostile]);
    expect(entry(out, 'parcel-delays').examples).toContain(hostile);
    expect(entry(out, 'parcel-delays').reply).toBe('Sorry {{author}}.');
    expect((parse(out) as { entries: unknown[] }).entries).toHaveLength(3);
  });

  it('skips phrasings the entry already has, and refuses an unknown entry', () => {
    expect(addExamples(FILE, 'parcel-delays', 'examples', ['my order is late'])).toBe(FILE);
    expect(() => addExamples(FILE, 'nope', 'examples', ['a'])).toThrow(DraftEditError);
  });

  it("adds to the default language's list of an entry written per language, and refuses one without it", () => {
    const multi = `languages: [es, en]
entries:
  - id: envio
    title: Envio
    examples:
      es:
        - mi pedido no llega
      en: [my parcel is late]
    reply: Hola.
  - id: solo-en
    title: Solo
    examples:
      en: [only english]
    reply: Hi.
`;
    const out = addExamples(multi, 'envio', 'examples', ['el paquete no ha llegado']);
    expect(entry(out, 'envio').examples).toEqual({ es: ['mi pedido no llega', 'el paquete no ha llegado'], en: ['my parcel is late'] });
    expect(() => addExamples(multi, 'solo-en', 'examples', ['hola'])).toThrow(/per language with no es list/);
  });
});
