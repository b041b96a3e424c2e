import Fastify from 'fastify';

/**
 * The baseline of the scale benchmark: a Fastify route that only parses the same JSON body as
 * POST /webhooks/x and answers 200, nothing verified or stored. `node dist/test/bench/bare-route.js <port>`.
 */
const app = Fastify({ logger: false });
app.post('/webhooks/x', async (req) => ({ received: typeof req.body === 'object' }));
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
