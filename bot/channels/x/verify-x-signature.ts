import { createHmac, timingSafeEqual } from 'node:crypto';

/** The answer to X's CRC check: proves we hold the consumer secret. */
export function xCrcResponseToken(consumerSecret: string, crcToken: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(crcToken).digest('base64')}`;
}

/** Checks `x-twitter-webhooks-signature` (sha256=<base64 HMAC>) against the raw request body. */
export function verifyXSignature(consumerSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', consumerSecret).update(rawBody).digest('base64'));
  const given = Buffer.from(header.slice('sha256='.length));
  // timingSafeEqual throws on different lengths; a wrong length is simply a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
