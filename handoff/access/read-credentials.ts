import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'first_reply_session';

export interface Credentials {
  session?: string;
  token?: string;
}

/** The session id from the Cookie header, or the bearer token from Authorization. */
export function readCredentials(request: FastifyRequest): Credentials {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return { token: auth.replace(/^bearer\s+/i, '').trim() };
  const cookie = request.headers.cookie;
  if (typeof cookie !== 'string') return {};
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return { session: part.slice(eq + 1).trim() };
  }
  return {};
}

export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${id}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
