// Builds elements from data with textContent only: text from customers, agents or the API is never
// parsed as markup, so a message holding <script> or <img onerror> shows as the characters it is,
// and without the invisible characters that could hide or reorder it (visible-text.js).
import { stripInvisible } from './visible-text.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('li', { class: 'row', dataset: { key } }, child, 'text', ...): an HTML element.
 * Strings (and numbers) become text nodes; `on` takes event listeners; null/false children are skipped.
 */
export function h(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

/** The same for SVG elements (the report chart). */
export function svg(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(node, props, children) {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (name === 'text') {
      node.textContent = stripInvisible(String(value));
    } else if (name.startsWith('on') || name === 'style' || name === 'innerHTML' || name === 'srcdoc') {
      // Never a handler or markup from a string: listeners go through `on`, styles through classes.
      throw new Error(`h(): refusing attribute ${name}`);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(stripInvisible(String(child))));
  }
}

/** Replaces all children of `node`. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** document.getElementById that fails loudly when the page and the script disagree. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

/**
 * Before a redraw of `container`: returns restore(), which gives the focus and the caret back to the
 * element that had them once it is on the page again, or to the element drawn in its place (same id).
 * Moving or replacing a focused element drops its focus, and the keys typed next would go nowhere.
 * Nothing is done once the person has put the focus somewhere else.
 */
export function keepFocus(container) {
  const focused = container.contains(document.activeElement) ? document.activeElement : null;
  const caret = focused && typeof focused.selectionStart === 'number' ? [focused.selectionStart, focused.selectionEnd] : null;
  const id = focused?.id;
  return function restore() {
    if (!focused || (document.activeElement && document.activeElement !== document.body)) return;
    const target = focused.isConnected ? focused : id ? document.getElementById(id) : null;
    if (!target) return;
    target.focus({ preventScroll: true });
    if (caret && typeof target.setSelectionRange === 'function' && target.value.length >= caret[1])
      target.setSelectionRange(caret[0], caret[1]);
  };
}
