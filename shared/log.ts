/**
 * The little of a logger a part that must not depend on the service takes from its caller (intents/'s
 * encoder): pino's loggers and Fastify's `app.log` are one; a CLI passes `stderrLog`.
 */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const line =
  (level: string) =>
  (fields: object, message: string): void => {
    const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${level}: ${message}${extra}\n`);
  };

/** One line on stderr per message: for command-line tools, whose stdout carries their results. */
export const stderrLog: Log = { info: line('info'), warn: line('warn'), error: line('error') };
