import { tokenize } from './features/tokenize.js';

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
