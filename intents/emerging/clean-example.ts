import { stripPersonal } from '../../shared/strip-personal.js';

/**
 * A customer's words made fit to show an editor and to keep as an example: the same stripping as the
 * examples learned from agents (shared/strip-personal.ts: handles, links, e-mail addresses, phone
 * numbers, invisible characters), with the `&amp;` the Customer Support on Twitter data carries read back.
 */
export function cleanExample(text: string): string {
  return stripPersonal(text.replace(/&amp;/g, '&'));
}
