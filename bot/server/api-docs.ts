import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

/**
 * One schema language: every route's schemas are zod (validation, the types of its handler, its
 * serialisation), and @fastify/swagger builds /openapi.json from them, so the document cannot drift
 * from the code. /docs shows it (Swagger UI, its own files, under its own content security policy).
 */
export const apiDocs = fp(
  async (app: FastifyInstance, opts: { title: string; version: string }) => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: opts.title, version: opts.version },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'first_reply_session' },
            token: { type: 'http', scheme: 'bearer' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    // Its own files only, never framed (the answers' own policy is 'none' for everything: the page needs its scripts and styles).
    const csp =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: csp, uiConfig: { defaultModelsExpandDepth: 0 } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'api-docs' },
);
