import { describe, expect, it } from 'vitest';
import { DEVICE_STEMS, deviceFamilies, deviceModels, onlyNamesDevice } from '../../intents/device-cues.js';

describe('device cues (issue 15 finding 2)', () => {
  it('names the device families a mention is about', () => {
    expect(deviceFamilies('my Apple Watch battery dies before dinner since watchOS 4')).toEqual(new Set(['watch']));
    expect(deviceFamilies('shuffle is broken on the iPhone app since iOS 11')).toEqual(new Set(['iphone', 'app']));
    // The brand's own app and website are told apart: an entry about one does not answer the other.
    expect(deviceFamilies('the website is down but the app works')).toEqual(new Set(['website', 'app']));
    expect(deviceFamilies('works on the web player, not on my Samsung')).toEqual(new Set(['web', 'android']));
    expect(deviceFamilies('my MacBook and my iPad both lag')).toEqual(new Set(['mac', 'ipad']));
  });

  it('counts the app and the website in common with an entry as evidence, unlike a device name', () => {
    expect(DEVICE_STEMS.has('iphon')).toBe(true);
    expect(DEVICE_STEMS.has('app')).toBe(false);
    expect(DEVICE_STEMS.has('websit')).toBe(false);
  });

  it('does not read ordinary words as devices', () => {
    expect(deviceFamilies('I watch the new episode every night')).toEqual(new Set());
    expect(deviceFamilies('my parcel is two weeks late')).toEqual(new Set());
  });

  it('names the models of a product line, with their tails, and nothing for a version or a bare line', () => {
    expect(deviceModels('can I trade in my iPhone 7 for money off the iPhone 8 Plus')).toEqual(new Set(['iphone 7', 'iphone 8 plus']));
    expect(deviceModels("my Xbox One X's controller and the iPhone X")).toEqual(new Set(['xbox one x', 'iphone x']));
    expect(deviceModels('since iOS 11 my iPhone drains')).toEqual(new Set());
  });

  it('tells a phrase that only names a device from one that says something about it', () => {
    expect(onlyNamesDevice('iphone x')).toBe(true);
    expect(onlyNamesDevice('Xbox One X')).toBe(true);
    expect(onlyNamesDevice('iphone x preorder')).toBe(false);
    expect(onlyNamesDevice('battery drain')).toBe(false);
  });
});

describe('device stems', () => {
  it('hold the stems of single device words, not of words that only name a device with another', () => {
    expect(DEVICE_STEMS.has('iphon')).toBe(true);
    expect(DEVICE_STEMS.has('xbox')).toBe(true);
    // "watch" names a device only in "apple watch".
    expect(DEVICE_STEMS.has('watch')).toBe(false);
  });
});
