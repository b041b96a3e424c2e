import { porterStem, tokenize } from './features/tokenize.js';

/**
 * General knowledge of the devices and platforms customers name. An entry written about some of
 * them (iPhone and iPad, say) does not fit a mention about another (an Apple Watch, a Mac, Android):
 * the same symptom there is another problem, for a person. Written for this project.
 */
const DEVICE_FAMILIES: Record<string, readonly (readonly string[])[]> = {
  iphone: [['iphone'], ['iphones'], ['ios']],
  ipad: [['ipad'], ['ipads'], ['ipados']],
  mac: [['mac'], ['macbook'], ['imac'], ['macos'], ['osx']],
  watch: [['apple', 'watch'], ['watchos'], ['smartwatch'], ['fitbit']],
  android: [['android'], ['samsung'], ['galaxy'], ['pixel'], ['huawei'], ['oneplus'], ['motorola'], ['xiaomi']],
  computer: [['windows'], ['pc'], ['laptop'], ['desktop'], ['chromebook'], ['linux']],
  web: [['web', 'player'], ['browser'], ['chrome'], ['firefox'], ['safari']],
  /** The brand's own app and website: an entry about one does not answer the other being down. */
  app: [['app'], ['apps']],
  website: [['website'], ['webpage'], ['web', 'site'], ['web', 'page']],
  tv: [['tv'], ['roku'], ['chromecast'], ['firestick'], ['fire', 'stick']],
  console: [['xbox'], ['playstation'], ['ps4'], ['ps5'], ['nintendo']],
  speaker: [['alexa'], ['sonos'], ['homepod'], ['smart', 'speaker']],
};

/** The device families a text names. */
export function deviceFamilies(text: string): Set<string> {
  const tokens = tokenize(text);
  const found = new Set<string>();
  for (const [family, phrases] of Object.entries(DEVICE_FAMILIES)) {
    if (phrases.some((p) => tokens.some((_, i) => p.every((w, j) => tokens[i + j] === w)))) found.add(family);
  }
  return found;
}

/**
 * Product lines whose models customers name, and the words that name a model after the line's name
 * ("iPhone 8", "iPhone X", "Xbox One X", "Galaxy S8"). An entry about one model (an iPhone X launch)
 * does not fit a mention about another of the same line (an iPhone 5, a trade-in of an iPhone 7).
 */
const MODEL_LINES = new Set(['iphone', 'ipad', 'pixel', 'galaxy', 'xbox', 'playstation']);
const MODEL_WORD = /^(?:\d{1,2}[a-z]?|[a-z]\d{1,2}|x|xs|xr|se|one|pro|air|mini|plus|max|xl|edge|note|s|ultra)$/;
/** Words that stay part of the model's name only after another model word ("One X", "8 Plus"). */
const MODEL_TAIL = new Set(['x', 's', 'plus', 'pro', 'max', 'mini', 'xl', 'edge', 'ultra']);

/** The product models a text names ("iphone x", "iphone 8 plus", "xbox one x"): a line and its model words. */
export function deviceModels(text: string): Set<string> {
  const tokens = tokenize(text).map((t) => t.replace(/'s$/, ''));
  const found = new Set<string>();
  tokens.forEach((t, i) => {
    if (!MODEL_LINES.has(t) || !MODEL_WORD.test(tokens[i + 1] ?? '')) return;
    const model = [t, tokens[i + 1]!];
    for (let j = i + 2; j < tokens.length && MODEL_TAIL.has(tokens[j]!) && model.length < 4; j++) model.push(tokens[j]!);
    found.add(model.join(' '));
  });
  return found;
}

/** Whether a phrase only names a device or a model ("iphone x", "xbox one x"): it says what about, not what is asked. */
export function onlyNamesDevice(phrase: string): boolean {
  const tokens = tokenize(phrase);
  if (tokens.length === 0 || deviceFamilies(phrase).size === 0) return false;
  return tokens.every((t) => MODEL_LINES.has(t) || MODEL_WORD.test(t) || deviceFamilies(t).size > 0);
}

/**
 * Stems of the single words that name a device family or a product line ("iphon", "xbox"): shared with
 * an entry, they say what a mention is about, not what it asks. Not the brand's app and website: an
 * entry about the app is about the brand's own product, and "app" in common is evidence for it.
 */
const OWN_PRODUCTS = new Set(['app', 'website']);
export const DEVICE_STEMS: ReadonlySet<string> = new Set([
  ...Object.entries(DEVICE_FAMILIES)
    .filter(([family]) => !OWN_PRODUCTS.has(family))
    .flatMap(([, phrases]) => phrases)
    .filter((p) => p.length === 1)
    .map((p) => porterStem(p[0]!)),
  ...[...MODEL_LINES].map(porterStem),
]);
