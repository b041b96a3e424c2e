import { describe, expect, it } from 'vitest';
import { deviceFamilies } from '../../intents/device-cues.js';

describe('device cues (issue 15 finding 2)', () => {
  it('names the device families a mention is about', () => {
    expect(deviceFamilies('my Apple Watch battery dies before dinner since watchOS 4')).toEqual(new Set(['watch']));
    expect(deviceFamilies('shuffle is broken on the iPhone app since iOS 11')).toEqual(new Set(['iphone']));
    expect(deviceFamilies('works on the web player, not on my Samsung')).toEqual(new Set(['web', 'android']));
    expect(deviceFamilies('my MacBook and my iPad both lag')).toEqual(new Set(['mac', 'ipad']));
  });

  it('does not read ordinary words as devices', () => {
    expect(deviceFamilies('I watch the new episode every night')).toEqual(new Set());
    expect(deviceFamilies('my parcel is two weeks late')).toEqual(new Set());
  });
});
