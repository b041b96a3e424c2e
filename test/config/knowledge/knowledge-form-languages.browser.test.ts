import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKnowledge } from '../../../config/knowledge/load-knowledge.js';
import { BILINGUAL_KNOWLEDGE } from '../../bot/turn/bilingual-knowledge.js';
import { haveChromium, launchChromium } from '../../handoff/console/launch-chromium.js';
import { startService, type RunningService } from '../../helpers/start-service.js';

// Issue 21: in a file answering in English and Spanish, the form edits each language's reply and
// examples; the draft it writes parses to what was typed, the other language's text untouched.

const PASSWORD = 'correct horse battery staple';

describe.skipIf(!haveChromium)('knowledge form per language in Chromium (issue 21)', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-knowledge-form-lang-')), 'knowledge.yaml');
    writeFileSync(file, BILINGUAL_KNOWLEDGE);
    service = await startService({ KNOWLEDGE_FILE: file, KNOWLEDGE_WATCH: 'false', UNDERSTANDING: 'keyword' });
    await service.app.access.users.saveUser('mia', ['editor'], PASSWORD);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|409|422)/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await page.goto(`${service.url}/console/login?next=%2Fconsole%2Fknowledge`);
    await page.fill('#username', 'mia');
    await page.fill('#password', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#kf-title').catch((err) => {
      throw new Error(`${err.message}\n${problems.join('\n')}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  const draft = async () => parseKnowledge(await page.inputValue('#editor-text'));

  it('shows one reply and one examples list per language, and writes a Spanish edit in Spanish only', async () => {
    expect(await page.inputValue('#kf-reply-en')).toBe('Hi {{author}}, parcels are running late this week.');
    expect(await page.inputValue('#kf-reply-es')).toBe('Hola {{author}}, los paquetes llegan con retraso esta semana.');
    expect(await page.inputValue('#kf-examples-es')).toContain('mi pedido llega tarde');
    await page.fill('#kf-reply-es', 'Hola {{author}}, tu paquete llegará en tres días.');
    await page.locator('.kf-previews[data-language="es"] blockquote', { hasText: 'tu paquete llegará' }).first().waitFor();
    const k = await draft();
    expect(k.entries[0]!.replies).toEqual({
      en: 'Hi {{author}}, parcels are running late this week.',
      es: 'Hola {{author}}, tu paquete llegará en tres días.',
    });
    expect(problems).toEqual([]);
  });

  it('a reply given once becomes one per language when a Spanish text is typed, and plain again when it is cleared', async () => {
    await page.selectOption('#form-entry', { label: 'app-outage' });
    expect(await page.inputValue('#kf-reply-en')).toBe('We know the app is down and are fixing it.');
    expect(await page.inputValue('#kf-reply-es')).toBe('');
    await page.fill('#kf-reply-es', 'Sabemos que la app no funciona y lo estamos arreglando.');
    expect((await draft()).entries[1]!.replies).toEqual({
      en: 'We know the app is down and are fixing it.',
      es: 'Sabemos que la app no funciona y lo estamos arreglando.',
    });
    await page.fill('#kf-examples-es', 'la app no funciona\nno puedo entrar en la app');
    expect((await draft()).entries[1]!.examples_in.es).toEqual(['la app no funciona', 'no puedo entrar en la app']);
    await page.fill('#kf-reply-es', '');
    expect(await page.inputValue('#editor-text')).toContain('reply: We know the app is down and are fixing it.');
    expect(problems).toEqual([]);
  });
});
