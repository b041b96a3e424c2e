import Fastify from 'fastify';

/**
 * The baseline of the scale benchmark: a Fastify route that only parses the same JSON body as
 * POST /sandbox/mentions and answers 202, nothing stored. `node dist/test/bench/bare-route.js <port>`.
 */
const app = Fastify({ logger: false });
app.post('/sandbox/mentions', async (req, reply) => reply.code(202).send({ received: typeof req.body === 'object' }));
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
