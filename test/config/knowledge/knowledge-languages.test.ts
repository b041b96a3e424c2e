import { describe, expect, it } from 'vitest';
import { checkKnowledge } from '../../../config/knowledge/check-knowledge.js';
import { KnowledgeError, parseKnowledge, parseKnowledgeDocument } from '../../../config/knowledge/load-knowledge.js';
import { BILINGUAL_KNOWLEDGE } from '../../bot/turn/bilingual-knowledge.js';

function problemsOf(text: string) {
  try {
    parseKnowledge(text, 'k.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return (err as KnowledgeError).problems;
  }
  throw new Error('expected the file to be rejected');
}

const plain = `version: 1
acknowledgement: A person will answer.
courtesy: { default: Thanks!, x: Thx! }
entries:
  - id: outage
    kind: incident
    title: Outage
    examples: [the app is down, app not loading, cannot open the app]
    reply: { default: We are on it., x: On it. }
`;

describe('issue 21 — languages in the knowledge file', () => {
  it('a file without languages is English, as before: plain values are the default language', () => {
    const k = parseKnowledge(plain);
    expect(k.languages).toEqual(['en']);
    expect(k.acknowledgements).toEqual({ en: 'A person will answer.' });
    expect(k.courtesies).toEqual({ en: { default: 'Thanks!', x: 'Thx!' } });
    expect(k.entries[0]).toMatchObject({
      examples: ['the app is down', 'app not loading', 'cannot open the app'],
      examples_in: {},
      reply: { default: 'We are on it.', x: 'On it.' },
      replies: { en: { default: 'We are on it.', x: 'On it.' } },
    });
  });

  it('texts per language: the plain fields keep the default language, the maps hold every language', () => {
    const k = parseKnowledge(BILINGUAL_KNOWLEDGE);
    expect(k.languages).toEqual(['en', 'es']);
    expect(k.acknowledgement).toBe('Hi {{author}}, a person will answer you here.');
    expect(Object.keys(k.acknowledgements)).toEqual(['en', 'es', 'fr']);
    expect(k.after_hours).toEqual({ es: 'Hola {{author}}, nuestro equipo responde {{opens}}.' });
    const parcels = k.entries[0]!;
    expect(parcels.examples).toHaveLength(3);
    expect(parcels.examples_in.es).toContain('mi pedido llega tarde');
    expect(parcels.reply).toBe('Hi {{author}}, parcels are running late this week.');
    expect(parcels.replies.es).toBe('Hola {{author}}, los paquetes llegan con retraso esta semana.');
    // A plain reply in a bilingual file is the default language's only.
    expect(Object.keys(k.entries[1]!.replies)).toEqual(['en']);
  });

  it('rejects, each at its line and column: an entry text in an undeclared language, no default-language reply or acknowledgement, a language twice, a bad code', () => {
    const file = `version: 1
languages: [en, es, es]
acknowledgement:
  es: Hola.
entries:
  - id: outage
    kind: incident
    title: Outage
    examples:
      de: [die App ist kaputt]
    reply:
      es: Lo sabemos.
`;
    const problems = problemsOf(file);
    const by = (path: string) => problems.find((p) => p.path === path);
    expect(by('languages.2')).toMatchObject({ line: 2, column: 21, message: '"es" is listed twice' });
    expect(by('acknowledgement')).toMatchObject({ line: 4, message: 'an acknowledgement in en (the default language) is required' });
    expect(by('entries.0.examples.de')).toMatchObject({
      line: 10,
      column: 11,
      message: expect.stringMatching(/"de" is not in languages \(en, es, es\)/),
    });
    expect(by('entries.0.reply')).toMatchObject({ line: 12, message: 'a reply in en (the default language) is required' });
    // A reply of neither shape: a text, default: plus channels, or one of those per language.
    expect(problemsOf(plain.replace('reply: { default: We are on it., x: On it. }', 'reply: { english: On now. }'))[0]).toMatchObject({
      path: 'entries.0.reply',
      line: 9,
      column: 12,
      message: expect.stringMatching(/or one per language \(en: \.\.\., es: \.\.\.\)/),
    });
    expect(problemsOf(plain.replace('version: 1', 'version: 1\nlanguages: [english]'))[0]).toMatchObject({
      path: 'languages.0',
      line: 2,
      message: expect.stringMatching(/a language is a code such as en/),
    });
  });

  it('checks: a reply missing in a declared language warns, a reply too long in any language is an error at its own line', async () => {
    const long = 'Lo sentimos mucho. '.repeat(20);
    const file = BILINGUAL_KNOWLEDGE.replace(
      'reply: We know the app is down and are fixing it.',
      `reply:\n      en: We know the app is down and are fixing it.\n      es:\n        default: Lo sabemos.\n        x: "${long}"`,
    ).replace('  fr: Bonjour', '  fr: Bonjour');
    const { knowledge, locate } = parseKnowledgeDocument(file, 'k.yaml');
    const findings = await checkKnowledge(knowledge, locate, { minExamples: 3 });
    const tooLong = findings.find((f) => f.path === 'entries.1.reply.es.x');
    expect(tooLong).toMatchObject({ level: 'error', line: 39, column: 12 });
    expect(tooLong!.message).toMatch(/^reply in es is \d+ characters on x once filled in \(limit 280/);
    // The app entry has Spanish replies but no Spanish examples: it may not be recognised in Spanish.
    expect(findings.find((f) => f.path === 'entries.1.examples')).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/only 0 example phrasings in es/),
    });

    const { knowledge: original, locate: at } = parseKnowledgeDocument(BILINGUAL_KNOWLEDGE, 'k.yaml');
    const missing = (await checkKnowledge(original, at)).filter((f) => f.level === 'warning' && /no reply in es/.test(f.message));
    expect(missing).toEqual([expect.objectContaining({ path: 'entries.1.reply', line: 35 })]);
    // No courtesy in German is no warning: German is not answered in. A Spanish one missing would be.
    const noEsCourtesy = BILINGUAL_KNOWLEDGE.replace('  es: ¡Nos alegra haber ayudado, {{author}}!\n', '');
    const parsed = parseKnowledgeDocument(noEsCourtesy, 'k.yaml');
    expect((await checkKnowledge(parsed.knowledge, parsed.locate)).map((f) => f.message)).toContain(
      'no courtesy reply in es: a thanks in es gets no reply',
    );
  });

  it('the same phrasing in two entries is an error only within one language', async () => {
    const file = `version: 1
languages: [en, es]
acknowledgement: { en: A person will answer., es: Una persona responderá. }
entries:
  - id: a
    kind: incident
    title: A
    examples: { en: [the app is down], es: [la app no va] }
    reply: { en: A., es: A. }
  - id: b
    kind: incident
    title: B
    examples: { en: [la app no va], es: [la app no va] }
    reply: { en: B., es: B. }
`;
    const { knowledge, locate } = parseKnowledgeDocument(file, 'k.yaml');
    const errors = (await checkKnowledge(knowledge, locate)).filter((f) => f.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ path: 'entries.1.examples.es.0', line: 13 })]);
  });
});
