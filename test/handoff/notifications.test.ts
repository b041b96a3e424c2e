import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, startService, waitFor, type RunningService } from '../helpers/start-service.js';

const HOOK = 'https://hooks.slack.example';
const HOOK_PATH = '/services/T000/B000/secret-part';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

describe('business hours and team notifications', () => {
  let service: RunningService | undefined;
  let offset = 0;
  const now = () => Date.now() + offset;

  beforeEach(() => {
    offset = 0;
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('outside business hours the acknowledgement says in the thread when a person will answer', async () => {
    // Open only on the day after tomorrow (UTC): closed now, whatever the day.
    const day = DAYS[(new Date().getUTCDay() + 2) % 7]!;
    service = await startService({ UNDERSTANDING: 'keyword', BUSINESS_HOURS: `${day} 09:00-17:00`, BUSINESS_TIMEZONE: 'UTC' });
    const posted = await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: 'why was I charged twice?' });
    const thread = await waitFor(
      async () => {
        const t = (await (await fetch(`${service!.url}/sandbox/threads/${posted.body.threadId}`)).json()) as {
          posts: { fromBrand: boolean; text: string }[];
        };
        return t.posts.find((p) => p.fromBrand);
      },
      8000,
      'the acknowledgement',
    );
    expect(thread.text).toMatch(
      new RegExp(
        `^Thanks @carol, .*a person will answer you here (${new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(Date.now() + 2 * 86_400_000)}|in 2 days).* 09:00 \\(UTC\\)`,
      ),
    );
  });

  it('posts a new handoff, then one warning and one breach notice to the team webhook; the URL never reaches the log', async () => {
    const bodies: any[] = [];
    nock(HOOK)
      .post(HOOK_PATH, (b) => (bodies.push(b), true))
      .times(10)
      .reply(200, 'ok');
    const logs: string[] = [];
    const { Writable } = await import('node:stream');
    const logDestination = new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    });
    service = await startService(
      { UNDERSTANDING: 'keyword', TEAM_WEBHOOK_URL: `${HOOK}${HOOK_PATH}`, HUMAN_RESPONSE_TARGET_MINUTES: '10', LOG_LEVEL: 'info' },
      { now, logDestination },
    );
    await postJson(`${service.url}/sandbox/mentions`, { author: '@carol', text: 'I was charged twice <!channel> <script>x</script>' });
    await waitFor(() => (bodies.length >= 1 ? true : undefined), 8000, 'the handoff notice');
    expect(JSON.stringify(bodies[0])).toContain('@carol');
    expect(JSON.stringify(bodies[0])).not.toContain('<!channel>');
    await service.handoff.tick();
    expect(bodies).toHaveLength(1);
    offset = 9 * 60_000; // 90% of the target
    await service.handoff.tick();
    await service.handoff.tick();
    offset = 11 * 60_000;
    await service.handoff.tick();
    await service.handoff.tick();
    await waitFor(() => (bodies.length >= 3 ? true : undefined), 5000, 'the SLA notices');
    expect(bodies).toHaveLength(3);
    expect(JSON.stringify(bodies[1])).toMatch(/warning|left/i);
    expect(JSON.stringify(bodies[2])).toMatch(/breach|missed|overdue/i);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/sla_breaches_total\S* 1/);
    expect(logs.join('')).not.toContain('secret-part');
  });

  it('a rejected knowledge reload is reported to the team with its line and column', async () => {
    const bodies: any[] = [];
    nock(HOOK)
      .post(HOOK_PATH, (b) => (bodies.push(b), true))
      .times(5)
      .reply(200, 'ok');
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { exampleKnowledge } = await import('../helpers/start-service.js');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fr-notify-')), 'knowledge.yaml');
    writeFileSync(file, readFileSync(exampleKnowledge, 'utf8'));
    service = await startService({
      UNDERSTANDING: 'keyword',
      TEAM_WEBHOOK_URL: `${HOOK}${HOOK_PATH}`,
      KNOWLEDGE_FILE: file,
      KNOWLEDGE_WATCH: 'true',
    });
    writeFileSync(file, `${readFileSync(exampleKnowledge, 'utf8')}\n  - id: [broken\n`);
    await waitFor(() => (bodies.some((b) => JSON.stringify(b).includes('knowledge')) ? true : undefined), 10_000, 'the rejection notice');
    expect(JSON.stringify(bodies.find((b) => JSON.stringify(b).includes('knowledge')))).toMatch(/knowledge\.yaml.*\d+/);
  });
});
