import { loadChannelSettings } from '../../config/channel-settings.js';
import type { Channel } from './channel.js';
import { createBlueskyChannel } from './bluesky/bluesky-channel.js';
import { createBotFrameworkChannel } from './botframework/botframework-channel.js';
import { createMastodonChannel } from './mastodon/mastodon-channel.js';
import { createMetaChannel } from './meta/meta-channel.js';
import { createXChannel } from './x/x-channel.js';

/**
 * The platform channels switched on by the environment: each one whose settings are present.
 * Throws ChannelSettingsError naming every missing or malformed variable (never their values).
 */
export function createConfiguredChannels(env: NodeJS.ProcessEnv): Channel[] {
  const settings = loadChannelSettings(env);
  const channels: Channel[] = [];
  if (settings.x) channels.push(createXChannel(settings.x));
  if (settings.meta) channels.push(createMetaChannel(settings.meta));
  if (settings.mastodon) channels.push(createMastodonChannel(settings.mastodon));
  if (settings.bluesky) channels.push(createBlueskyChannel(settings.bluesky));
  if (settings.botframework) channels.push(createBotFrameworkChannel(settings.botframework));
  return channels;
}
