import type { FastifyInstance } from 'fastify';

/**
 * A webhook scope's answers written with JSON.stringify instead of being encoded through their zod
 * schemas first. Platforms' deliveries are the intake's hot path (the scale benchmark measures it),
 * and every answer there is built by typed code (`answerDelivery`, `errorBody`, the CRC token): the
 * encode only re-checked what the compiler already has. The schemas still type the handlers and
 * document the routes (/openapi.json).
 */
export function answerWithPlainJson(app: FastifyInstance): void {
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
