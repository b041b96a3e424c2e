import { pino, type DestinationStream, type Logger } from 'pino';

/** Query parameters that carry secrets on webhook verification calls. */
const SECRET_PARAMS = /([?&](?:hub\.verify_token|verify_token|access_token|crc_token|token|password|secret)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[Redacted]');
}

/**
 * The service's logger. Secrets never reach the log: signature and auth headers, tokens in
 * query strings, and any field named like a secret are redacted.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-hub-signature-256"]',
          'req.headers["x-twitter-webhooks-signature"]',
          '*.password',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          '*.secret',
          '*.appSecret',
          '*.consumerSecret',
        ],
        censor: '[Redacted]',
      },
      serializers: {
        req: (req: { method: string; url: string; id?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.ip,
        }),
      },
    },
    destination as DestinationStream | undefined,
  );
}
