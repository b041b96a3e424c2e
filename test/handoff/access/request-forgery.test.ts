import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../helpers/start-service.js';
import { agentClient, type AgentClient } from '../api/agent-client.js';

// A browser session changing state must send JSON from this origin, whatever spelling of the path
// reaches the route: the router decodes percent-escapes, so /%61pi/… is /api/….
describe('request forgery with a session cookie', () => {
  let service: RunningService;
  let ann: AgentClient;

  beforeEach(async () => {
    service = await startService({ UNDERSTANDING: 'keyword' });
    ann = await agentClient(service, 'ann', ['admin']);
  });
  afterEach(async () => {
    await service.dispose();
  });

  it.each(['/api', '/%61pi', '/%61%70%69'])('refuses a cross-origin or non-JSON POST to %s/…', async (prefix) => {
    const crossOrigin = await fetch(`${service.url}${prefix}/emerging/1/dismiss`, {
      method: 'POST',
      headers: { cookie: ann.cookie, origin: 'https://blog.example.com' },
    });
    expect(crossOrigin.status).toBe(403);
    const form = await fetch(`${service.url}${prefix}/emerging/1/dismiss`, {
      method: 'POST',
      headers: { cookie: ann.cookie, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    // The same call from the console itself still reaches the route (no such group here).
    const own = await fetch(`${service.url}${prefix}/emerging/1/dismiss`, {
      method: 'POST',
      headers: { cookie: ann.cookie, origin: service.url },
    });
    expect(own.status).toBe(404);
  });
});
