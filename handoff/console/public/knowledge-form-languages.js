import { h, replaceChildren } from './dom.js';
import { listField } from './knowledge-form-fields.js';

// An entry's examples and reply per language, for a file that answers in more than one
// (docs/knowledge.md, Languages). A plain value is the default language's; the form writes a
// per-language map once another language has a text, and the plain value again when only the
// default's is left, so a one-language file keeps its shape.

/** Whether a value is given per language: a map whose keys are language codes, without `default`. */
export function isPerLanguage(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value) || 'default' in value) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^[a-z]{2,3}$/.test(k));
}

/** The languages the form shows for an entry: the file's, then any its texts already use. */
export function entryLanguages(entry, languages) {
  const used = ['examples', 'reply'].flatMap((f) => (isPerLanguage(entry[f]) ? Object.keys(entry[f]) : []));
  return [...new Set([...languages, ...used])];
}

/** "Spanish (es)": the code alone when the browser knows no name for it. */
export function languageLabel(code) {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code);
    return name ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A value as a map from language (the plain value is `main`'s). */
const byLanguage = (value, main) => (isPerLanguage(value) ? { ...value } : value === undefined || value === '' ? {} : { [main]: value });

/** The map written back: the plain value when only the default language has one. */
function written(map, main) {
  const present = Object.fromEntries(
    Object.entries(map).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)),
  );
  const keys = Object.keys(present);
  if (keys.length === 0) return undefined;
  return keys.length === 1 && keys[0] === main ? present[main] : present;
}

/** The reply's text in a language: the text, or the `default:` of its channel variants. */
const textOf = (reply) => (typeof reply === 'string' ? reply : (reply?.default ?? ''));

/** One examples list per language. */
export function examplesByLanguage({ state, set }, languages) {
  const main = languages[0];
  return h(
    'div',
    { class: 'kf-languages' },
    languages.map((language) =>
      listField(
        `Examples in ${languageLabel(language)}${language === main ? ', the default' : ''}`,
        byLanguage(state.entry.examples, main)[language] ?? [],
        (items) => set('examples')(written({ ...byLanguage(state.entry.examples, main), [language]: items }, main)),
        'one a line: how customers put it in this language (at least 3)',
        { id: `kf-examples-${language}` },
      ),
    ),
  );
}

/**
 * One reply text per language. Channel variants a language has in the file are kept as they are
 * (edit them in the YAML view); `preview(reply)` lists a language's reply as each channel posts it.
 */
export function replyByLanguage({ state, set }, languages, preview) {
  const main = languages[0];
  const box = h(
    'fieldset',
    { class: 'kf-field kf-reply kf-languages' },
    h('legend', {}, 'Reply per language ', h('span', { class: 'hint' }, '{{author}}, {{title}} and the variables below')),
  );
  for (const language of languages) {
    const previews = h('ul', { class: 'kf-previews', 'aria-live': 'polite', dataset: { language } });
    // A language without a reply has nothing to preview: its placeholder says what happens instead.
    const show = () => {
      const reply = byLanguage(state.entry.reply, main)[language];
      replaceChildren(previews, reply || language === main ? preview(reply ?? '') : []);
    };
    const edit = (text) => {
      const all = byLanguage(state.entry.reply, main);
      const old = all[language];
      all[language] = old && typeof old === 'object' ? { ...old, default: text } : text;
      if (text === '' && !(old && typeof old === 'object' && Object.keys(old).length > 1)) delete all[language];
      set('reply', show)(written(all, main));
    };
    const variants = Object.keys(byLanguage(state.entry.reply, main)[language] ?? {}).filter(
      (k) => k !== 'default' && typeof byLanguage(state.entry.reply, main)[language] === 'object',
    );
    box.append(
      h(
        'div',
        { class: 'kf-field' },
        h('label', { for: `kf-reply-${language}` }, `In ${languageLabel(language)}${language === main ? ', the default' : ''}`),
        h('textarea', {
          id: `kf-reply-${language}`,
          rows: '3',
          dir: 'auto',
          lang: language,
          text: textOf(byLanguage(state.entry.reply, main)[language]),
          placeholder: language === main ? '' : 'No reply in this language: such mentions go to a person',
          on: { input: (e) => edit(e.currentTarget.value) },
        }),
        variants.length ? h('p', { class: 'hint' }, `Own variants on ${variants.join(', ')}: edit them in the YAML view.`) : null,
      ),
      previews,
    );
    show();
  }
  return box;
}
