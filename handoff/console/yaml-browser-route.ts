import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { sendError } from '../../shared/http-errors.js';

/** The yaml package's browser build (plain ES modules): where it is and every file in it. */
function yamlBrowserFiles(): { dir: string; files: Set<string> } {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser/dist');
  const files = new Set<string>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.js')) files.add(rel);
    }
  };
  walk('');
  return { dir, files };
}

/**
 * Serves the yaml package's browser build at /console/assets/yaml/…, so the knowledge form edits a
 * draft with the same parser (comments and layout kept) as the server reads it. Only the files found
 * in that folder at start are served: no path from the URL reaches the file system.
 */
export async function yamlBrowserRoute(app: FastifyInstance) {
  const { dir, files } = yamlBrowserFiles();
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/console/assets/yaml/*',
      { logLevel: 'warn', schema: { hide: true, params: z.object({ '*': z.string().max(120) }) } },
      async (req, reply) => {
        const file = req.params['*'];
        if (!files.has(file)) return sendError(reply, 404, 'no such console file');
        // The package does not change while the service runs: browsers may keep it an hour.
        return reply
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'max-age=3600')
          .send(await readFile(path.join(dir, file)));
      },
    );
}
