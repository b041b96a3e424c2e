import { createHash, randomBytes } from 'node:crypto';

/** A fresh random secret (API token or session id), 256 bits, URL-safe. */
export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

/**
 * Tokens and session ids are stored only as their SHA-256: they are random and long, so a fast hash
 * is enough, and a leaked store does not hand out working credentials.
 */
export const secretDigest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
