import { CST, Lexer } from 'yaml';

// Tokens the lexer yields that are not characters of the text.
const MARKERS = new Set(['doc-mode', 'scalar', 'flow-error-end']);

// A knowledge file of a couple of thousand entries fits. The YAML parser runs on the thread that
// takes in mentions and its cost grows with the text: a draft is kept to this size.
export const TEXT_LIMIT = 1_000_000;

export interface YamlLimits {
  /** Levels of block indentation and flow brackets together. */
  depth: number;
  /** Alias nodes (`*name`) in the whole text. */
  aliases: number;
}

/**
 * Where a YAML text first goes past a limit, from the lexer's tokens (so brackets or stars inside
 * quoted or block text do not count), or undefined. The yaml package's cost grows faster than the
 * text with nesting depth and with the number of aliases: this scan, linear and stopping at the
 * first level or alias too many, refuses such a text before the parser sees it.
 */
export function firstOverLimit(text: string, limits: YamlLimits): { offset: number; limit: keyof YamlLimits } | undefined {
  let offset = 0;
  let lineStart = 0;
  let lineBegun = false;
  let flow = 0;
  const indents: number[] = [];
  let scalarText = false;
  let aliases = 0;
  for (const token of new Lexer().lex(text)) {
    // The token after a scalar marker is the scalar's own text, whatever it looks like.
    const type: string | null = scalarText ? 'scalar-text' : CST.tokenType(token);
    scalarText = type === 'scalar';
    if (type !== null && MARKERS.has(type)) continue;
    const at = offset;
    offset += token.length;
    const column = at - lineStart;
    const newline = token.lastIndexOf('\n');
    if (newline >= 0) lineStart = at + newline + 1;
    if (type === 'newline') {
      lineBegun = false;
      continue;
    }
    if (type === 'space' || type === 'comment' || type === 'byte-order-mark') continue;
    // In block context a new level starts at a sequence or key indicator, or at the first thing on
    // a line, further right than the level it is in.
    if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind' || !lineBegun)) {
      while (indents.length > 0 && indents[indents.length - 1]! > column) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1]! < column) indents.push(column);
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
    else if (type === 'alias' && ++aliases > limits.aliases) return { offset: at, limit: 'aliases' };
    if (indents.length + flow > limits.depth) return { offset: at, limit: 'depth' };
    lineBegun = !token.endsWith('\n');
  }
  return undefined;
}
