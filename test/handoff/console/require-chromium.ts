import { CHROMIUM, haveChromium } from './launch-chromium.js';

// Outside CI a machine without Chromium skips the browser tests (each says so); in CI that would
// hide them, so every browser test file fails instead.
if (!haveChromium && process.env.CI === 'true') {
  throw new Error(`CI runs the browser tests: ${CHROMIUM} is missing (.ci/run installs Debian's chromium)`);
}
