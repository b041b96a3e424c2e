import type { Log } from '../../shared/log.js';

export interface LoggedLine {
  level: keyof Log;
  fields: object;
  message: string;
}

/** A Log that keeps its lines, for tests that check what a part told its caller's logger. */
export function recordingLog(): Log & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at =
    (level: keyof Log) =>
    (fields: object, message: string): void =>
      void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
