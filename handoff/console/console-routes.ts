import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { sendError } from '../../shared/http-errors.js';
import { yamlBrowserRoute } from './yaml-browser-route.js';

/**
 * The console pages are public (they hold no data: everything comes from the agent API, which
 * checks the session). Only these files are ever served: a fixed list, so no path from the URL
 * reaches the file system.
 */
const pages: Record<string, string> = {
  '/console': 'index.html',
  '/console/login': 'login.html',
  '/console/no-reply': 'no-reply.html',
  '/console/reports': 'reports.html',
  '/console/team-reports': 'team-reports.html',
  '/console/knowledge': 'knowledge.html',
  '/console/users': 'users.html',
  '/console/routing': 'routing.html',
};
const assets = new Set([
  'console.css',
  'dom.js',
  'visible-text.js',
  'api.js',
  'format.js',
  'count-characters.js',
  'live-events.js',
  'live-thread.js',
  'hash-route.js',
  'page-notice.js',
  'nav.js',
  'queue-view.js',
  'queue-pages.js',
  'row-labels.js',
  'thread-view.js',
  'reply-box.js',
  'console.js',
  'login.js',
  'no-reply.js',
  'no-reply.css',
  'reports.js',
  'sla-chart.js',
  'team-reports.js',
  'team-reports.css',
  'report-charts.js',
  'knowledge.js',
  'knowledge-send.js',
  'knowledge-editor.js',
  'knowledge-problems.js',
  'knowledge-live.js',
  'knowledge-form-model.js',
  'knowledge-form.js',
  'knowledge-form-fields.js',
  'knowledge-form-rows.js',
  'knowledge-form-languages.js',
  'knowledge-form-sections.js',
  'knowledge-reply-preview.js',
  'knowledge-window.js',
  'knowledge-diff.js',
  'knowledge-gutter.js',
  'knowledge-form.css',
  'knowledge.css',
  'knowledge-extras.js',
  'knowledge-incident.js',
  'knowledge-calendar.js',
  'knowledge-answers.js',
  'knowledge-zone.js',
  'knowledge-extras.css',
  'users.js',
  // Issue 17, lifecycle.
  'customer-replied.js',
  'confirm-dialog.js',
  'lifecycle.css',
  'search-panel.js',
  'search-results.js',
  'notes.js',
  'search.css',
  'customer.css',
  'customer-panel.js',
  'tags.js',
  'reassign.js',
  'thread-extras.js',
  'comment-moderation.js',
  'suggestions.js',
  'suggestions.css',
  'emerging-banner.js',
  'emerging.css',
  'knowledge-emerging.js',
  'knowledge-candidates.js',
  // Issue 20, routing.
  'routing.js',
  'routing.css',
  'queue-teams.js',
]);
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export const consoleSecurityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * The folder of the pages, found from the package root: the same from the .ts sources (vitest)
 * and from dist/ (run time), which sit at different depths.
 */
export function consolePublicDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'handoff/console/public');
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}: cannot find the console pages`);
  }
}

/** Serves the agent console: /console, /console/login, /console/no-reply, /console/reports, /console/knowledge, /console/users and /console/assets/<file>. */
export async function consoleRoutes(app: FastifyInstance, opts: { publicDir?: string } = {}) {
  const dir = opts.publicDir ?? consolePublicDir();

  // Read on each request (they are small): a page edited on disk shows on the next load.
  async function send(reply: FastifyReply, file: string) {
    let body: Buffer;
    try {
      body = await readFile(path.join(dir, file));
    } catch {
      return sendError(reply, 404, 'no such console file');
    }
    return reply
      .type(contentTypes[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(body);
  }

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.headers(consoleSecurityHeaders);
    return payload;
  });

  await yamlBrowserRoute(app);
  for (const [url, file] of Object.entries(pages)) {
    app.get(url, { logLevel: 'warn', schema: { hide: true } }, (_req, reply) => send(reply, file));
  }
  app.get('/console/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console'));
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/console/assets/:file',
      { logLevel: 'warn', schema: { hide: true, params: z.object({ file: z.string().max(64) }) } },
      (req, reply) => {
        if (!assets.has(req.params.file)) return sendError(reply, 404, 'no such console file');
        return send(reply, req.params.file);
      },
    );
}
