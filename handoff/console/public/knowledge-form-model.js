// The knowledge form's edits as text edits of the draft: an entry read from the YAML, and a field the
// form changed written back in place. Only the fields whose value changed are rewritten, each where it
// stands, so every comment, blank line and layout choice elsewhere stays byte for byte; a form that
// changed nothing leaves the text as it was. Plain ES module: the page passes the yaml package's
// browser build, the tests its Node build (the same code runs in both).

/** The fields of an entry the form edits, in the order a new entry is written. */
export const FIELDS = [
  'id',
  'kind',
  'title',
  'window',
  'channels',
  'priority',
  'keywords',
  'examples',
  'negative_examples',
  'vars',
  'reply',
  'tests',
];
const LISTS = new Set(['channels', 'keywords', 'examples', 'negative_examples', 'tests']);
const MAPS = new Set(['window', 'vars']);
// Reply scripts longer than this are written folded (`>-`), as the example file writes them.
const FOLD_OVER = 70;
const LINE_WIDTH = 100;

/** A value as the form holds it: absent lists, maps and texts are empty. */
function normal(field, value) {
  if (value === undefined || value === null) return LISTS.has(field) ? [] : MAPS.has(field) ? {} : field === 'priority' ? undefined : '';
  return value;
}

const same = (field, a, b) => JSON.stringify(normal(field, a)) === JSON.stringify(normal(field, b));

const isEmpty = (field, value) => {
  const v = normal(field, value);
  return v === '' || v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v).length === 0);
};

export function knowledgeYaml(Y) {
  const parse = (text) => {
    const doc = Y.parseDocument(text, { keepSourceTokens: false });
    if (doc.errors.length > 0) throw new Error(`the YAML does not parse: ${doc.errors[0].message.split('\n')[0]}`);
    return doc;
  };

  function entriesNode(doc) {
    const seq = doc.get('entries', true);
    return Y.isSeq(seq) ? seq : undefined;
  }

  /** The file's entries as the form shows them, its time zone, tone and languages. Throws when the text does not parse. */
  function readEntries(text) {
    const doc = parse(text);
    const seq = entriesNode(doc);
    const entries = (seq?.items ?? []).map((item) => (Y.isMap(item) ? item.toJS(doc) : {}));
    const timezone = doc.get('timezone');
    const tone = doc.get('tone', true);
    const languages = doc.get('languages', true);
    const declared = Y.isSeq(languages) ? languages.toJS(doc).filter((l) => typeof l === 'string') : [];
    return {
      entries,
      timezone: typeof timezone === 'string' ? timezone : undefined,
      tone: Y.isMap(tone) ? tone.toJS(doc) : {},
      // The languages the bot answers in, the first the default (docs/knowledge.md, Languages).
      languages: declared.length ? declared : ['en'],
    };
  }

  function styled(doc, field, value, old) {
    const node = doc.createNode(value);
    const oldFlow = Y.isCollection(old) ? old.flow : undefined;
    if (Y.isCollection(node)) {
      if (oldFlow !== undefined) node.flow = oldFlow;
      else if (['keywords', 'channels'].includes(field)) node.flow = true;
    }
    if (field === 'tests' && Y.isSeq(node)) {
      const oldItemFlow = Y.isSeq(old) && Y.isMap(old.items[0]) ? old.items[0].flow : true;
      for (const item of node.items) if (Y.isMap(item)) item.flow = oldItemFlow;
    }
    const fold = (scalar, oldScalar) => {
      if (!Y.isScalar(scalar) || typeof scalar.value !== 'string') return;
      const long = scalar.value.length > FOLD_OVER && !scalar.value.includes('\n');
      const oldType = Y.isScalar(oldScalar) ? oldScalar.type : undefined;
      // A text keeps the style it had, except that only a long one stays folded.
      if (oldType && (oldType !== 'BLOCK_FOLDED' || long)) scalar.type = oldType;
      else if (long) scalar.type = 'BLOCK_FOLDED';
    };
    if (field === 'reply' || field === 'title') {
      if (Y.isScalar(node)) fold(node, old);
      else if (Y.isMap(node)) for (const pair of node.items) fold(pair.value, Y.isMap(old) ? old.get(pair.key.value, true) : undefined);
    }
    return node;
  }

  /** `field: value` as YAML at column 0 (ending in a newline), in the style of the node it replaces. */
  function render(field, value, old) {
    const doc = new Y.Document({});
    doc.set(field, styled(doc, field, value, old));
    return doc.toString({ lineWidth: field === 'reply' || field === 'title' ? LINE_WIDTH : 0, flowCollectionPadding: field === 'tests' });
  }

  const indentLines = (text, indent, first) =>
    text
      .split('\n')
      .map((line, i) => (line === '' ? line : (i === 0 ? first : indent) + line))
      .join('\n');

  const lineStart = (text, at) => text.lastIndexOf('\n', at - 1) + 1;
  /** Where a pair's text ends: after its value, its trailing comment and its newline. */
  const pairEnd = (text, pair) => {
    const end = pair.value?.range?.[1] ?? pair.key.range[1];
    if (text[end - 1] === '\n') return end;
    const newline = text.indexOf('\n', end);
    return newline === -1 ? text.length : newline + 1;
  };

  function applyEdits(text, edits) {
    // From the end backwards, so earlier offsets stay true; inserts at one place keep the form's order.
    const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.from - a.from || b.i - a.i);
    let out = text;
    for (const e of sorted) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
    return out;
  }

  /** The text with entry `index` set to `entry` (only changed fields rewritten); index = count appends. */
  function writeEntry(text, index, entry) {
    const doc = parse(text);
    const seq = entriesNode(doc);
    const item = seq?.items[index];
    if (!seq || seq.flow || index >= seq.items.length) return appendEntry(text, doc, seq, entry);
    if (!Y.isMap(item) || item.flow) return wholeDocument(doc, ['entries', index], entry);
    const column = item.range[0] - lineStart(text, item.range[0]);
    const indent = ' '.repeat(column);
    const edits = [];
    let after = null;
    for (const field of FIELDS) {
      const pair = item.items.find((p) => Y.isScalar(p.key) && p.key.value === field);
      const current = pair ? (Y.isNode(pair.value) ? pair.value.toJS(doc) : pair.value) : undefined;
      const wanted = entry[field];
      if (pair) {
        const start = pair.key.range[0];
        const end = pairEnd(text, pair);
        if (!same(field, current, wanted)) {
          if (isEmpty(field, wanted)) {
            edits.push({ from: lineStart(text, start), to: end, insert: '' });
          } else {
            const rendered = render(field, wanted, pair.value);
            const to = pair.value?.range?.[1] ?? end;
            const body = text[to - 1] === '\n' ? rendered : rendered.replace(/\n$/, '');
            edits.push({ from: start, to, insert: indentLines(body, indent, '') });
          }
        }
        after = end;
      } else if (!isEmpty(field, wanted)) {
        // A new field goes after the field before it in the form's order (else after the last).
        const at = after ?? pairEnd(text, item.items[item.items.length - 1]);
        edits.push({ from: at, to: at, insert: indentLines(render(field, wanted, undefined), indent, indent) });
      }
    }
    return applyEdits(text, edits);
  }

  function ordered(entry) {
    const out = {};
    for (const field of FIELDS) if (!isEmpty(field, entry[field])) out[field] = entry[field];
    return out;
  }

  /** A new entry after the last one, indented like the others and as far apart as they are. */
  function appendEntry(text, doc, seq, entry) {
    const last = seq?.items[seq.items.length - 1];
    if (!seq || seq.flow || !last) return wholeDocument(doc, ['entries', seq?.items.length ?? 0], entry);
    const dash = lineStart(text, last.range[0]);
    const column = text.slice(dash, last.range[0]).indexOf('-');
    const fields = Object.entries(ordered(entry)).map(([field, value]) => render(field, value, undefined));
    const body = indentLines(fields.join(''), '  ', '- ');
    const at = Y.isMap(last) && last.items.length ? pairEnd(text, last.items[last.items.length - 1]) : last.range[1];
    const previous = seq.items[seq.items.length - 2];
    const gap = previous && /\n[ \t]*\n/.test(text.slice(previous.range[1] - 1, last.range[0])) ? '\n' : '';
    const insert = gap + indentLines(body, ' '.repeat(column), ' '.repeat(column));
    return applyEdits(text, [{ from: at, to: at, insert: text[at - 1] === '\n' ? insert : `\n${insert}` }]);
  }

  /** Fallback for a file written in flow style: the yaml package writes the whole document. */
  function wholeDocument(doc, path, entry) {
    if (!Y.isSeq(doc.get('entries', true))) doc.set('entries', doc.createNode([]));
    doc.setIn(path, doc.createNode(ordered(entry)));
    return doc.toString({ lineWidth: LINE_WIDTH });
  }

  /** The text without entry `index`: its lines and the blank lines after them. */
  function removeEntry(text, index) {
    const doc = parse(text);
    const seq = entriesNode(doc);
    const item = seq?.items[index];
    if (!item) return text;
    if (seq.flow) {
      seq.items.splice(index, 1);
      return doc.toString({ lineWidth: LINE_WIDTH });
    }
    const from = lineStart(text, item.range[0]);
    let to = Y.isMap(item) && item.items.length ? pairEnd(text, item.items[item.items.length - 1]) : item.range[1];
    // The blank lines after it go too; comments further down belong to what follows.
    while (text[to] === '\n') to++;
    return text.slice(0, from) + text.slice(to);
  }

  return { readEntries, writeEntry, removeEntry };
}
