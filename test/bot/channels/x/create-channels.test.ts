import { describe, expect, it } from 'vitest';
import { createConfiguredChannels } from '../../../../bot/channels/create-channels.js';
import { ChannelSettingsError } from '../../../../config/channel-settings.js';

describe('createConfiguredChannels', () => {
  it('switches on exactly the channels whose settings are present', () => {
    expect(createConfiguredChannels({})).toEqual([]);
    const channels = createConfiguredChannels({
      X_CONSUMER_SECRET: 's',
      X_ACCESS_TOKEN: 't',
      X_USER_ID: '1',
      META_APP_SECRET: 's',
      META_VERIFY_TOKEN: 'v',
      META_PAGE_ACCESS_TOKEN: 'p',
      MASTODON_URL: 'https://mastodon.test',
      MASTODON_TOKEN: 't',
      BLUESKY_HANDLE: 'acme.bsky.social',
      BLUESKY_APP_PASSWORD: 'p',
      BOTFRAMEWORK_ENABLED: 'true',
    });
    expect(channels.map((c) => c.name)).toEqual(['x', 'meta', 'mastodon', 'bluesky', 'botframework']);
    expect(channels.find((c) => c.name === 'x')!.limits.measure('https://example.com/a/very/long/path/that/still/counts/as/23')).toBe(23);
  });

  it('names every bad variable at once, without echoing secrets', () => {
    let error: unknown;
    try {
      createConfiguredChannels({ MASTODON_URL: 'not a url', MASTODON_TOKEN: 'hunter2', BLUESKY_APP_PASSWORD: 'secret-pass' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ChannelSettingsError);
    const message = (error as Error).message;
    expect(message).toMatch(/MASTODON_URL/);
    expect(message).toMatch(/BLUESKY_HANDLE: required/);
    expect(message).not.toMatch(/hunter2|secret-pass|not a url/);
  });
});
