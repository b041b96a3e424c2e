import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

interface DocumentedRoute {
  method: string;
  url: string;
  schema: Record<string, unknown>;
  summary: string;
  role: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** One line for the OpenAPI document, and the role the route needs (null: none). */
    openapi?: { summary: string; role: string | null };
  }
}

/** Fastify's `:param` paths to OpenAPI's `{param}`. */
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * Builds /openapi.json from the routes themselves: every route registered with `config.openapi`
 * is described with its own JSON schemas, so the document cannot drift from the code.
 */
export const openApiPlugin = fp(async (app: FastifyInstance, opts: { title: string; version: string }) => {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const doc = (route.config as { openapi?: DocumentedRoute } | undefined)?.openapi;
    if (!doc) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method: method.toLowerCase(), url: route.url, schema: (route.schema ?? {}) as Record<string, unknown>, summary: doc.summary, role: doc.role });
    }
  });

  const document = () => {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of routes) {
      const params = r.schema.params as { properties?: Record<string, unknown> } | undefined;
      const query = r.schema.querystring as { properties?: Record<string, unknown> } | undefined;
      const parameters = [
        ...Object.entries(params?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
        ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', schema })),
      ];
      const responses = Object.fromEntries(
        Object.entries((r.schema.response as Record<string, unknown> | undefined) ?? { 200: { description: 'OK' } }).map(([code, schema]) => [
          code,
          { description: code.startsWith('2') ? 'OK' : 'error', content: { 'application/json': { schema } } },
        ]),
      );
      (paths[toOpenApiPath(r.url)] ??= {})[r.method] = {
        summary: r.summary,
        ...(r.role ? { security: [{ session: [] }, { token: [] }], 'x-role': r.role } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.schema.body } } } } : {}),
        responses: { ...responses, ...(r.role ? { 401: { description: 'not signed in' }, 403: { description: `needs the ${r.role} role` } } : {}) },
      };
    }
    return {
      openapi: '3.1.0',
      info: { title: opts.title, version: opts.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'first_reply_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      paths,
    };
  };
  app.get('/openapi.json', async () => document());
});
