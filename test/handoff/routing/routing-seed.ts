import { threadKey } from '../../../handoff/thread-key.js';
import { postJson, type RunningService, waitFor } from '../../helpers/start-service.js';

/** Rules of our own, one per kind of condition a support lead reaches for first. */
export const SEED_RULES = `version: 1
rules:
  - name: money
    when: { keywords: [charged twice, refund] }
    do: { team: billing, tags: [money] }
  - name: broken-stuff
    when: { patterns: ['(router|modem) (is )?(broken|dead)'] }
    do: { team: tech, priority: high }
  - name: upset-after-hours
    when: { sentiment: [negative], hours: closed }
    do: { tags: [after-hours] }
`;

export const SEED_TEXTS = [
  'why was I charged twice on my card?',
  'my router is dead since this morning',
  'I would like a refund for the router <img src=x onerror=alert(1)>',
  'where is my parcel? it was due monday',
];

/** An admin session's teams, rules and a few handoffs routed by them (waits until each is routed). */
export async function seedRouting(
  service: RunningService,
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>,
) {
  await call('PUT', '/api/teams/billing', { members: ['ann'] });
  await call('PUT', '/api/teams/tech', { members: ['bob'] });
  const published = await call('PUT', '/api/routing', { text: SEED_RULES });
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
  for (const text of SEED_TEXTS) {
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text });
    const key = threadKey('sandbox', posted.body.threadId);
    await waitFor(
      async () => ((await call('GET', `/api/threads/${key}`)).body?.thread?.state === 'waiting' ? true : undefined),
      15_000,
      'the handoff',
    );
  }
  const looked = async () => (await call('POST', '/api/routing/dry-run', { text: SEED_RULES, rule: 'money' })).body?.looked ?? 0;
  await waitFor(async () => ((await looked()) >= SEED_TEXTS.length ? true : undefined), 10_000, 'every handoff kept for the dry run');
}
