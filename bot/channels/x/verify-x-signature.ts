import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What X sends as `crc_token`: a short opaque token of base64 or base64url characters. The CRC
 * answer is the HMAC of the token, the very construction of a delivery's signature: any value
 * answered is a body we have signed. Bounded to these characters, no answer can ever sign a JSON
 * delivery (no braces, quotes, colons or spaces).
 */
export const X_CRC_TOKEN = /^[A-Za-z0-9+/=_-]{8,128}$/;

/** The answer to X's CRC check (proves we hold the consumer secret), or undefined for a token X would not send. */
export function xCrcResponseToken(consumerSecret: string, crcToken: string): string | undefined {
  if (!consumerSecret || !X_CRC_TOKEN.test(crcToken)) return undefined;
  return `sha256=${createHmac('sha256', consumerSecret).update(crcToken).digest('base64')}`;
}

/** Checks `x-twitter-webhooks-signature` (sha256=<base64 HMAC>) against the raw request body. */
export function verifyXSignature(consumerSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  // An empty secret is something anyone can sign with.
  if (!consumerSecret || !header?.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', consumerSecret).update(rawBody).digest('base64'));
  const given = Buffer.from(header.slice('sha256='.length));
  // timingSafeEqual throws on different lengths; a wrong length is simply a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
