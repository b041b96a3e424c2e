import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../helpers/start-service.js';

// A platform verifying a webhook that is not set up here (or at a mistyped path) sends its secret
// in the query string: the 404 must keep it out of the log and the answer.
describe('a request to no route', () => {
  let service: RunningService;
  let log = '';
  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    service = await startService({ UNDERSTANDING: 'keyword', LOG_LEVEL: 'info' }, { logDestination: destination });
  });
  afterAll(async () => service?.dispose());

  it('logs and answers its URL without the secrets of its query string', async () => {
    const res = await fetch(`${service.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=s3cret-verify&hub.challenge=42`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { statusCode: number; error: string; message: string };
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('/webhooks/meta') });
    expect(body.message).not.toContain('s3cret');
    await fetch(`${service.url}/webhooks/x?crc_token=s3cret-crc`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log).toContain('hub.verify_token=[Redacted]');
    expect(log).not.toContain('s3cret');
  });
});
