import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * CPU per signed X delivery through the /webhooks/x route alone: Fastify's inject, the service's zod
 * compilers, an inbox that accepts at once (no store, no turns, no sockets), in this process, so the
 * figure hardly moves with the machine's load. For comparing builds: `node dist/test/bench/webhook-route-cpu.js
 * [checkout] [deliveries]` measures the compiled route of another checkout (its dist/ and node_modules/).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '../../..'));
const total = Number(process.argv[3] ?? 20_000);
const from = (file: string) => import(pathToFileURL(path.join(root, file)).href);

const { default: Fastify } = await from('node_modules/fastify/fastify.js');
const zod = await from('node_modules/fastify-type-provider-zod/dist/esm/index.js');
const { pino } = await from('node_modules/pino/pino.js');
const { xWebhookRoutes } = await from('dist/bot/channels/x/x-webhook-routes.js');
const { xMentionDelivery, X_BRAND_ID, X_SECRET } = await from('dist/test/chaos/x-deliveries.js');

const app = Fastify({ logger: false });
// A checkout from before the zod schemas (JSON Schema routes) keeps Fastify's own compilers.
if (!readFileSync(path.join(root, 'dist/bot/channels/x/x-webhook-routes.js'), 'utf8').includes('required:')) {
  app.setValidatorCompiler(zod.validatorCompiler);
  app.setSerializerCompiler(zod.serializerCompiler);
}
let id = 0;
const ctx = { accept: async () => ({ mentionId: ++id, duplicate: false }), log: pino({ level: 'silent' }), state: undefined };
await app.register(xWebhookRoutes, {
  ctx,
  consumerSecret: X_SECRET,
  brandUserId: X_BRAND_ID,
  rootOf: async () => undefined,
  onAccepted: async () => {},
});
await app.ready();

const deliveries = Array.from({ length: total }, (_, i) => xMentionDelivery(i, 7) as { body: string; headers: Record<string, string> });
const deliver = async (d: { body: string; headers: Record<string, string> }) => {
  const res = await app.inject({ method: 'POST', url: '/webhooks/x', headers: d.headers, payload: d.body });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
};
for (let i = 0; i < 3000; i++) await deliver(deliveries[i % total]!); // warm up
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const before = cpu();
for (let i = 0; i < total; i += 32) await Promise.all(deliveries.slice(i, i + 32).map(deliver));
console.log(`${root}: ${((cpu() - before) / total).toFixed(1)} µs CPU per delivery through /webhooks/x (${total}, 32 at a time)`);
