import { describe, expect, it } from 'vitest';
import { createConfiguredChannels } from '../../../bot/channels/create-channels.js';
import { appStoreEnv } from './app-store/app-store-stand-in.js';
import { gbpEnv } from './gbp/gbp-stand-in.js';
import { threadsEnv } from './threads/threads-stand-in.js';

const refusal = (env: Record<string, string>) => {
  try {
    createConfiguredChannels(env);
  } catch (err) {
    return (err as Error).message;
  }
  return 'started';
};

describe('Threads, Google Business Profile and App Store settings', () => {
  it('each channel is on with its settings, with the daily quota Threads declares', () => {
    const channels = createConfiguredChannels({ ...threadsEnv, ...gbpEnv, ...appStoreEnv });
    expect(channels.map((c) => c.name).sort()).toEqual(['app-store', 'gbp', 'threads']);
    expect(channels.find((c) => c.name === 'threads')!.dailyQuota).toEqual({ units: 1000, perReply: 1, resets: 'rolling' });
  });

  it('refuses to start naming what is missing or malformed, never the values', () => {
    const { THREADS_APP_SECRET: _secret, ...noSecret } = threadsEnv;
    expect(refusal(noSecret)).toMatch(/THREADS_APP_SECRET: required when THREADS_MODE is webhook/);
    expect(refusal({ ...noSecret, THREADS_MODE: 'poll' })).toBe('started');
    expect(refusal({ ...threadsEnv, THREADS_USERNAME: '@acme' })).toMatch(/THREADS_USERNAME: must be the Threads username/);
    expect(refusal({ GBP_ACCOUNT_ID: '108000000000000000001' })).toMatch(/GBP_REFRESH_TOKEN: required/);
    expect(refusal({ ...gbpEnv, GBP_LOCATION_IDS: '41, 42' })).toMatch(/GBP_LOCATION_IDS/);
    // Pub/Sub push needs both the token's audience and its service account.
    expect(refusal({ ...gbpEnv, GBP_PUSH_AUDIENCE: 'https://replies.acme.example/webhooks/gbp' })).toMatch(
      /GBP_PUSH_SERVICE_ACCOUNT: required/,
    );
    expect(refusal({ ...gbpEnv, GBP_PUSH_SERVICE_ACCOUNT: 'push@acme.iam.gserviceaccount.com' })).toMatch(/GBP_PUSH_AUDIENCE: required/);
    expect(refusal({ ...gbpEnv, GBP_PUSH_AUDIENCE: 'a', GBP_PUSH_SERVICE_ACCOUNT: 'not an email' })).toMatch(/GBP_PUSH_SERVICE_ACCOUNT/);
    const badKey = refusal({ ...appStoreEnv, APP_STORE_PRIVATE_KEY: 'not-a-key-secret-value' });
    expect(badKey).toMatch(/APP_STORE_PRIVATE_KEY: must be the .p8 private key/);
    expect(badKey).not.toContain('not-a-key-secret-value');
  });
});
