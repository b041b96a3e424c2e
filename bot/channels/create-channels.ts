import { loadChannelSettings } from '../../config/channel-settings.js';
import type { Settings } from '../../config/settings.js';
import type { Channel } from './channel.js';
import { createSandboxChannel } from './sandbox/sandbox-channel.js';
import { createAppStoreChannel } from './app-store/app-store-channel.js';
import { createBlueskyChannel } from './bluesky/bluesky-channel.js';
import { createBotFrameworkChannel } from './botframework/botframework-channel.js';
import { createGbpChannel } from './gbp/gbp-channel.js';
import { createMastodonChannel } from './mastodon/mastodon-channel.js';
import { createMetaChannel } from './meta/meta-channel.js';
import { createLinkedInChannel } from './linkedin/linkedin-channel.js';
import { createTikTokChannel } from './tiktok/tiktok-channel.js';
import { createThreadsChannel } from './threads/threads-channel.js';
import { createXChannel } from './x/x-channel.js';
import { createYouTubeChannel } from './youtube/youtube-channel.js';
import { createGooglePlayChannel } from './google-play/play-channel.js';

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
  if (settings.threads) channels.push(createThreadsChannel(settings.threads));
  if (settings.gbp) channels.push(createGbpChannel(settings.gbp));
  if (settings.appStore) channels.push(createAppStoreChannel(settings.appStore));
  if (settings.botframework) channels.push(createBotFrameworkChannel(settings.botframework));
  if (settings.youtube) channels.push(createYouTubeChannel(settings.youtube));
  if (settings.googlePlay) channels.push(createGooglePlayChannel(settings.googlePlay));
  if (settings.tiktok) channels.push(createTikTokChannel(settings.tiktok));
  if (settings.linkedin) channels.push(createLinkedInChannel(settings.linkedin));
  return channels;
}

/** The channels a service runs: the configured ones, `explicit` ones (replacing a configured one of the same name), the sandbox. */
export function channelsToRun(settings: Settings, env: NodeJS.ProcessEnv, explicit: Channel[]): Channel[] {
  const configured = createConfiguredChannels(env);
  const list = [...configured.filter((c) => !explicit.some((e) => e.name === c.name)), ...explicit];
  if (!settings.SANDBOX_ENABLED) return list;
  const sandbox = {
    dataDir: settings.DATA_DIR,
    brandHandle: settings.BRAND_HANDLES[0] ?? '@brand',
    maxLength: settings.SANDBOX_MAX_LENGTH,
    replyDelayMs: settings.SANDBOX_REPLY_DELAY_MS,
  };
  return [...list, createSandboxChannel(sandbox)];
}
