import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { errorBody, sendError } from '../../shared/http-errors.js';
import { z } from 'zod';

/**
 * Each item of a platform delivery (a tweet, a comment, a notification, an activity) is checked on
 * its own, with strict types and no coercion: a bad item is refused and logged while the good items
 * beside it are stored. What is logged names the field and the problem, never the value.
 */

/** A platform's id for a post, thread or account: a non-empty token without spaces or controls. */
export const platformId = z.string().regex(/^[^\s\u0000-\u001F\u007F-\u009F]{1,512}$/, 'must be a non-empty id without spaces');
/** X and Meta number their objects: the decimal digits as a string, never a JSON number. */
export const numericId = z.string().regex(/^\d{1,20}$/, 'must be decimal digits in a string');
/** A time the platform wrote as text, stored as ISO 8601. */
export const textTime = z
  .string()
  .max(64)
  .refine((s) => Number.isFinite(Date.parse(s)), 'must be a time')
  .transform((s) => new Date(Date.parse(s)).toISOString());

export interface Refusal {
  /** Position of the item in the delivery (`2`, or `0.1` for the second change of the first entry). */
  index: number | string;
  /** `path: problem` for each problem found, without the values. */
  problems: string[];
}

/** The items of one delivery that may be stored, and those refused. */
export class ItemCheck {
  readonly refused: Refusal[] = [];
  /** Items that passed their check (stored or deliberately skipped, like the brand's own posts). */
  valid = 0;

  /** The item parsed by `schema`, or undefined when it is refused. */
  parse<T extends z.ZodType>(schema: T, item: unknown, index: number | string): z.output<T> | undefined {
    const data = this.within(schema, item, index);
    if (data !== undefined) this.valid++;
    return data;
  }

  /** A part holding items (an entry of changes): refused when malformed, but not an item itself. */
  within<T extends z.ZodType>(schema: T, part: unknown, index: number | string): z.output<T> | undefined {
    const result = schema.safeParse(part);
    if (result.success) return result.data;
    this.refused.push({ index, problems: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`) });
    return undefined;
  }

  /** An item that is well formed but not for us (a like, a follow, an edit): it does not make a delivery unusable. */
  skip() {
    this.valid++;
  }

  /** One warning per delivery with refused items. */
  log(log: FastifyBaseLogger, what: string) {
    if (this.refused.length > 0)
      log.warn({ refused: this.refused.slice(0, 10), refusedCount: this.refused.length, valid: this.valid }, `${what}: items refused`);
  }

  /** Nothing in the delivery could be used: answering 400 loses nothing. */
  get unusable(): boolean {
    return this.refused.length > 0 && this.valid === 0;
  }
}

/**
 * A webhook's answer once its good items are stored: 200 with the counts (and `refused` when any were);
 * 400 when every item was refused (nothing in it can be used, sending it again will not help).
 */
export function answerDelivery(reply: FastifyReply, check: ItemCheck, stored: { accepted: number; duplicates: number }) {
  if (check.unusable) {
    return sendError(reply, 400, `no usable item: ${check.refused.length} refused (${check.refused[0]!.problems.join('; ')})`);
  }
  return reply.code(200).send(check.refused.length > 0 ? { ...stored, refused: check.refused.length } : stored);
}

/** The error body of a signed delivery that is not shaped like one at all. */
/** What a webhook answers for a delivery: mentions stored, already stored, and items refused. */
export const deliverySchema = z.object({ accepted: z.number().int(), duplicates: z.number().int(), refused: z.number().int().optional() });

export const notADelivery = (what: string) => errorBody(400, `body is not ${what}`);
