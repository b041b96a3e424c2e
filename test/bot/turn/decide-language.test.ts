import { describe, expect, it } from 'vitest';
import { decideAcknowledgement, decideTurn, type DecideDeps, type TurnDecision } from '../../../bot/turn/decide-turn.js';
import { mentionLanguage } from '../../../bot/turn/mention-language.js';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { createKeywordUnderstander } from '../../../intents/keyword-understander.js';
import { understandByLanguage } from '../../../intents/language-understander.js';
import type { Mention } from '../../../store/mention.js';
import { BILINGUAL_KNOWLEDGE } from './bilingual-knowledge.js';
import { decideDeps } from './decide-deps.js';

const knowledge = parseKnowledge(BILINGUAL_KNOWLEDGE);

const mention = (text: string): Mention => ({
  channel: 'sandbox',
  platformId: 'p1',
  threadId: 'p1',
  author: '@ann',
  text,
  createdAt: '2026-11-23T10:00:00Z',
});

const deps = (overrides: Partial<DecideDeps> = {}) =>
  decideDeps(knowledge, { noReply: true, ...overrides }, understandByLanguage(createKeywordUnderstander()));

const AFTER_HOURS = { template: 'Thanks {{author}}, a person answers {{opens}}.', opens: (l: string) => `<opens:${l}>` };

// Each language's mentions: one the file answers, a thanks, one nobody could answer.
const MENTIONS = {
  en: {
    answer: '@acme my parcel is two weeks late, where is my parcel?',
    thanks: '@acme thank you so much, you guys rock!',
    unknown: '@acme I was charged twice for one order and nobody replies to my emails',
  },
  es: {
    answer: '@acme mi paquete no ha llegado todavía, ¿dónde está mi paquete?',
    thanks: '@acme ¡muchas gracias por todo, sois geniales!',
    unknown: '@acme me habéis cobrado dos veces el mismo pedido y nadie contesta mis correos',
  },
  de: {
    answer: '@acme mein Paket ist seit zwei Wochen nicht angekommen, wo ist mein Paket?',
    thanks: '@acme danke schön, ihr seid wirklich großartig!',
    unknown: '@acme ihr habt mir die Bestellung zweimal berechnet und niemand antwortet',
  },
} as const;

const text = (d: TurnDecision) => d.reply?.text;

describe('issue 21 — a mention is never answered in another language than its own', () => {
  it('each mention is taken to be in its language', () => {
    for (const [language, texts] of Object.entries(MENTIONS))
      for (const t of Object.values(texts)) expect(mentionLanguage(knowledge, t).language, t).toBe(language);
  });

  it('answer: in English and Spanish from the entry, each in its own; in German a person answers, acknowledged in English with a note', async () => {
    const en = await decideTurn(mention(MENTIONS.en.answer), await deps());
    expect(en).toMatchObject({ status: 'answered', entryId: 'parcel-delays', language: 'en' });
    expect(text(en)).toBe('Hi @ann, parcels are running late this week.');
    const es = await decideTurn(mention(MENTIONS.es.answer), await deps());
    expect(es).toMatchObject({ status: 'answered', entryId: 'parcel-delays', language: 'es' });
    expect(text(es)).toBe('Hola @ann, los paquetes llegan con retraso esta semana.');
    const de = await decideTurn(mention(MENTIONS.de.answer), await deps());
    expect(de).toMatchObject({ status: 'handed_off', handoff: true, language: 'de' });
    expect(text(de)).toBe('Hi @ann, a person will answer you here.');
    expect(de.languageNote).toBe('Written in German (de), acknowledged in English (en)');
  });

  it('an entry without a reply in the mention language is handed off with that language acknowledgement, never answered in English', async () => {
    const es = await decideTurn(mention('@acme app down otra vez, la aplicación no funciona desde ayer'), await deps());
    expect(es).toMatchObject({ status: 'handed_off', reason: 'language', language: 'es' });
    expect(text(es)).toBe('Hola @ann, una persona te responderá aquí.');
    expect(es.languageNote).toBeUndefined();
    const en = await decideTurn(mention('@acme the app is down again, I cannot log in to the app'), await deps());
    expect(text(en)).toBe('We know the app is down and are fixing it.');
  });

  it('courtesy: in the mention language; a short thanks in a language the file does not answer in gets none, a longer post there goes to a person', async () => {
    const en = await decideTurn(mention(MENTIONS.en.thanks), await deps());
    expect(en).toMatchObject({ status: 'no_reply', reason: 'courtesy', language: 'en' });
    expect(text(en)).toBe('Glad we could help, @ann!');
    const es = await decideTurn(mention(MENTIONS.es.thanks), await deps());
    expect(es).toMatchObject({ status: 'no_reply', reason: 'courtesy', language: 'es' });
    expect(text(es)).toBe('¡Nos alegra haber ayudado, @ann!');
    const de = await decideTurn(mention('@acme danke!'), await deps());
    expect(de).toMatchObject({ status: 'no_reply', reason: 'courtesy', language: 'de' });
    expect(de.reply).toBeUndefined();
    // Past a few words, the file's words cannot tell a thanks from a problem told in German: a person reads it.
    expect(await decideTurn(mention(MENTIONS.de.thanks), await deps())).toMatchObject({ status: 'handed_off', language: 'de' });
  });

  it('acknowledgement: in the mention language, French too (acknowledged though never answered); German falls back with a note', async () => {
    const en = await decideTurn(mention(MENTIONS.en.unknown), await deps());
    expect(en).toMatchObject({ status: 'handed_off', reason: 'not_understood', language: 'en' });
    expect(text(en)).toBe('Hi @ann, a person will answer you here.');
    const es = await decideTurn(mention(MENTIONS.es.unknown), await deps());
    expect(text(es)).toBe('Hola @ann, una persona te responderá aquí.');
    const fr = await decideTurn(
      mention('@acme vous avez encaissé deux fois ma commande et personne ne répond à mes courriels'),
      await deps(),
    );
    expect(fr).toMatchObject({ status: 'handed_off', language: 'fr' });
    expect(text(fr)).toBe('Bonjour @ann, une personne va vous répondre ici.');
    const de = await decideTurn(mention(MENTIONS.de.unknown), await deps());
    expect(text(de)).toBe('Hi @ann, a person will answer you here.');
    expect(de.languageNote).toMatch(/German.*English/);
  });

  it('deadline acknowledgement: in the mention language, German in English with a note', async () => {
    const en = await decideAcknowledgement(mention(MENTIONS.en.answer), 'deadline', await deps());
    expect(text(en)).toBe('Hi @ann, a person will answer you here.');
    const es = await decideAcknowledgement(mention(MENTIONS.es.answer), 'deadline', await deps());
    expect(es).toMatchObject({ reason: 'deadline', language: 'es' });
    expect(text(es)).toBe('Hola @ann, una persona te responderá aquí.');
    const de = await decideAcknowledgement(mention(MENTIONS.de.answer), 'turn_failed', await deps());
    expect(text(de)).toBe('Hi @ann, a person will answer you here.');
    expect(de.languageNote).toBe('Written in German (de), acknowledged in English (en)');
  });

  it('after-hours acknowledgement: the file text in Spanish with the opening written for Spanish, the setting in English, the German fallback noted', async () => {
    const afterHours = { afterHours: AFTER_HOURS };
    const es = await decideTurn(mention(MENTIONS.es.unknown), await deps(afterHours));
    expect(text(es)).toBe('Hola @ann, nuestro equipo responde <opens:es>.');
    const en = await decideTurn(mention(MENTIONS.en.unknown), await deps(afterHours));
    expect(text(en)).toBe('Thanks @ann, a person answers <opens:en>.');
    // French has an acknowledgement but no after-hours text: the acknowledgement in French beats the opening time in English.
    const fr = await decideAcknowledgement(
      mention('@acme vous avez encaissé deux fois ma commande et personne ne répond'),
      'deadline',
      await deps(afterHours),
    );
    expect(text(fr)).toBe('Bonjour @ann, une personne va vous répondre ici.');
    const de = await decideAcknowledgement(mention(MENTIONS.de.unknown), 'deadline', await deps(afterHours));
    expect(text(de)).toBe('Thanks @ann, a person answers <opens:en>.');
    expect(de.languageNote).toMatch(/German/);
  });

  it('a post too short to tell: a telling word, then the author earlier post in the thread, else the default language', async () => {
    expect(mentionLanguage(knowledge, '¡vale!')).toEqual({ language: 'es', by: 'word' });
    expect(mentionLanguage(knowledge, '¿y?', ['mi paquete no ha llegado todavía, qué pasa'])).toEqual({
      language: 'es',
      by: 'thread',
      // The detector was asked of the post itself (and could not tell): the turn does not ask again.
      detected: null,
    });
    expect(mentionLanguage(knowledge, '👍')).toEqual({ language: 'en', by: 'default', detected: null });
    // The file's own words win over a detector's guess on a few letters.
    expect(mentionLanguage(knowledge, 'parcel late')).toEqual({ language: 'en', by: 'file_words' });
    const es = await decideTurn(
      { ...mention('y hoy?'), platformId: 'p2' },
      await deps({
        earlierMentions: async () => [{ id: 1, author: '@ann', text: 'me habéis cobrado dos veces el mismo pedido', status: 'handed_off' }],
      }),
    );
    expect(text(es)).toBe('Hola @ann, una persona te responderá aquí.');
  });
});
