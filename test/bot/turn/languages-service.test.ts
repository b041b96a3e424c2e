import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { threadKey } from '../../../handoff/thread-key.js';
import { agentClient } from '../../handoff/api/agent-client.js';
import { postJson, startService, waitFor } from '../../helpers/start-service.js';
import { BILINGUAL_KNOWLEDGE } from './bilingual-knowledge.js';
import { brandPosts } from './sandbox-brand-posts.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fr-languages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('issue 21 — an English and Spanish knowledge file, end to end over HTTP with the sandbox channel', () => {
  it('answers English in English and Spanish in Spanish, thanks each in its own, and acknowledges German in English with a note for the agents', async () => {
    const file = path.join(dir, 'knowledge.yaml');
    writeFileSync(file, BILINGUAL_KNOWLEDGE);
    const s = await startService({ UNDERSTANDING: 'keyword', NO_REPLY_DECISIONS: 'true', KNOWLEDGE_FILE: file });
    try {
      const post = async (author: string, text: string) =>
        (await postJson(`${s.url}/sandbox/mentions`, { author, text })).body as { threadId: string; postId: string };
      const en = await post('@ann', '@acme my parcel is two weeks late, where is my parcel?');
      const es = await post('@bea', '@acme mi paquete no ha llegado todavía, ¿dónde está mi paquete?');
      const esThanks = await post('@cy', '@acme ¡muchas gracias por todo, sois geniales!');
      const esApp = await post('@dan', '@acme app down otra vez, la aplicación no funciona desde ayer');
      const de = await post('@eva', '@acme mein Paket ist seit zwei Wochen nicht angekommen, wo ist mein Paket?');
      await waitFor(
        async () => {
          const stats = await s.store.stats();
          return (stats.mentions.received ?? 0) === 0 && (stats.outbox.sent ?? 0) >= 5 ? true : undefined;
        },
        15_000,
        'all five decided and replied to',
      );

      expect(await brandPosts(s, en.threadId)).toEqual(['Hi @ann, parcels are running late this week.']);
      expect(await brandPosts(s, es.threadId)).toEqual(['Hola @bea, los paquetes llegan con retraso esta semana.']);
      expect(await brandPosts(s, esThanks.threadId)).toEqual(['¡Nos alegra haber ayudado, @cy!']);
      // The app entry has no Spanish reply: a person answers, and the customer hears so in Spanish.
      expect(await brandPosts(s, esApp.threadId)).toEqual(['Hola @dan, una persona te responderá aquí.']);
      expect(await brandPosts(s, de.threadId)).toEqual(['Hi @eva, a person will answer you here.']);
      expect((await s.store.stats()).mentions).toEqual({ answered: 2, no_reply: 1, handed_off: 2 });

      // The agents see why the German customer got English: on the thread, as one of its reasons.
      const ann = await agentClient(s, 'ann');
      const thread = await ann.call('GET', `/api/threads/${threadKey('sandbox', de.threadId)}`);
      expect(thread.body.thread.reasons).toContain('Written in German (de), acknowledged in English (en)');
      const spanish = await ann.call('GET', `/api/threads/${threadKey('sandbox', esApp.threadId)}`);
      expect(spanish.body.thread.reasons.join(' ')).not.toMatch(/acknowledged in/);

      // The editor's preview says which language a mention was taken in, and why a known entry was not answered.
      await s.app.access.users.saveUser('mia', ['editor'], 'correct horse battery staple');
      const session = await fetch(`${s.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mia', password: 'correct horse battery staple' }),
      });
      const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
      const preview = (mention: string) => postJson(`${s.url}/api/knowledge/preview`, { mention, channel: 'sandbox' }, { cookie });
      const es2 = await preview('mi paquete no ha llegado todavía, ¿dónde está mi paquete?');
      expect(es2.body).toMatchObject({ decision: 'answered', language: 'es', reply: { text: expect.stringMatching(/^Hola/) } });
      const app = await preview('app down otra vez, la aplicación no funciona desde ayer');
      expect(app.body).toMatchObject({ decision: 'handed_off', reason: 'language', language: 'es' });
      expect(app.body.why).toBe('hands off to a person: understood as "app-outage", but it has no reply in es (the mention\'s language)');
      const de2 = await preview('mein Paket ist seit zwei Wochen nicht angekommen');
      expect(de2.body).toMatchObject({ language: 'de', languageNote: 'Written in German (de), acknowledged in English (en)' });
    } finally {
      await s.dispose();
    }
  }, 60_000);
});
