import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoutes } from '../../../handoff/console/console-routes.js';

// The knowledge form loads the yaml package's browser build from the console: every module of it is
// served (imports included), with the console's headers, and nothing else under that path.
describe('yaml browser build route (issue 23)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(consoleRoutes);
    await app.ready();
  });
  afterAll(() => app.close());

  it('serves index.js and every module it imports, as scripts with the security headers', async () => {
    const pending = ['index.js'];
    const seen = new Set<string>();
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const res = await app.inject(`/console/assets/yaml/${file}`);
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      for (const [, dep] of res.body.matchAll(/^(?:import|export) [^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
        pending.push(new URL(dep!, `http://x/${file}`).pathname.slice(1));
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });

  it.each([
    '/console/assets/yaml/..%2f..%2f..%2fpackage.json',
    '/console/assets/yaml/../../package.json',
    '/console/assets/yaml/%2e%2e/%2e%2e/dist/index.js',
    '/console/assets/yaml/index.d.ts',
    '/console/assets/yaml/missing.js',
    '/console/assets/yaml/',
  ])('refuses %s', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('"name"');
  });
});
