import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyMetaSignature } from '../../../bot/channels/meta/verify-meta-signature.js';
import { verifyXSignature, xCrcResponseToken } from '../../../bot/channels/x/verify-x-signature.js';

describe('issue 14 finding 1 — signature checks never trust an empty secret', () => {
  it('an empty secret verifies nothing and answers no CRC, even with the right HMAC under that empty key', () => {
    const body = Buffer.from('{"tweet_create_events":[]}');
    const x = `sha256=${createHmac('sha256', '').update(body).digest('base64')}`;
    const meta = `sha256=${createHmac('sha256', '').update(body).digest('hex')}`;
    expect(verifyXSignature('', body, x)).toBe(false);
    expect(verifyMetaSignature('', body, meta)).toBe(false);
    expect(xCrcResponseToken('', 'M2RkODJkZmMtYjlkYi00NmQ4')).toBeUndefined();
    // With a real secret the same checks pass.
    expect(verifyXSignature('s', body, `sha256=${createHmac('sha256', 's').update(body).digest('base64')}`)).toBe(true);
    expect(verifyMetaSignature('s', body, `sha256=${createHmac('sha256', 's').update(body).digest('hex')}`)).toBe(true);
  });
});
