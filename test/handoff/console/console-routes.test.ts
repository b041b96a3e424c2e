import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import Fastify, { type FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePublicDir, consoleRoutes } from '../../../handoff/console/console-routes.js';
import { repoRoot } from '../../helpers/start-service.js';

const publicDir = path.join(repoRoot, 'handoff/console/public');
const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

describe('console routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(consoleRoutes);
    await app.ready();
  });
  afterAll(() => app.close());

  it.each(['/console', '/console/login', '/console/no-reply', '/console/reports', '/console/knowledge', '/console/users'])(
    'serves %s as HTML with the security headers',
    async (url) => {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(csp);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body).toMatch(/^<!doctype html>/);
    },
  );

  it('serves scripts and styles with their content types', async () => {
    const js = await app.inject('/console/assets/console.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe(readFileSync(path.join(publicDir, 'console.js'), 'utf8'));
    const css = await app.inject('/console/assets/console.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-security-policy']).toBe(csp);
  });

  it.each([
    '/console/assets/..%2f..%2f..%2fpackage.json',
    '/console/assets/..%2fconsole-routes.ts',
    '/console/assets/%2e%2e%2fconsole-routes.ts',
    '/console/assets/index.html',
    '/console/assets/missing.js',
    '/console/assets/.hidden',
    '/console/../package.json',
  ])('refuses %s (allow-list only, no traversal)', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('"name": "first-reply"');
    expect(res.body).not.toContain('consoleRoutes');
  });

  it('puts the security headers on refusals too', async () => {
    const res = await app.inject('/console/assets/missing.js');
    expect(res.headers['content-security-policy']).toBe(csp);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves every module the pages load, and every module those import (CSP-safe pages)', async () => {
    const pages = readdirSync(publicDir).filter((f) => f.endsWith('.html'));
    const pending = new Set<string>();
    for (const page of pages) {
      const html = readFileSync(path.join(publicDir, page), 'utf8');
      // Under script-src/style-src 'self' an inline script, style or handler would simply not run.
      expect(html, page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, page).not.toMatch(/\sstyle=|\son[a-z]+=/i);
      for (const [, file] of html.matchAll(/(?:src|href)="\/console\/assets\/([^"]+)"/g)) pending.add(file!);
    }
    const seen = new Set<string>();
    for (const file of pending) {
      if (seen.has(file)) continue;
      seen.add(file);
      const res = await app.inject(`/console/assets/${file}`);
      expect(res.statusCode, file).toBe(200);
      for (const [, dep] of res.body.matchAll(/^import [^'"]*['"]\.\/([^'"]+)['"]/gm)) pending.add(dep!);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['console.js', 'login.js', 'reports.js', 'dom.js', 'count-characters.js', 'sla-chart.js', 'console.css']),
    );
  });

  it('serves every script and style in the folder (a new file must join the allow-list)', async () => {
    for (const file of readdirSync(publicDir).filter((f) => /\.(js|css)$/.test(f))) {
      expect((await app.inject(`/console/assets/${file}`)).statusCode, file).toBe(200);
    }
  });

  it('never builds page content from markup strings', () => {
    for (const file of readdirSync(publicDir).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(path.join(publicDir, file), 'utf8');
      expect(source, file).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    }
  });

  it('finds the pages from the sources and from dist/', () => {
    expect(consolePublicDir(path.join(repoRoot, 'handoff/console'))).toBe(publicDir);
    expect(consolePublicDir(path.join(repoRoot, 'dist/handoff/console'))).toBe(publicDir);
  });
});
