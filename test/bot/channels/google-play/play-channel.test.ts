import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createGooglePlayChannel } from '../../../../bot/channels/google-play/play-channel.js';
import { loadChannelSettings } from '../../../../config/channel-settings.js';
import { fixture } from '../../../fixtures/load-fixture.js';
import { platformService } from '../../../helpers/platform-service.js';
import { waitFor, type RunningService } from '../../../helpers/start-service.js';
import { ANN_REVIEW, API, playEnv, REVIEWS, reviewsEndpoint, tokenEndpoint } from './play-stand-in.js';

/**
 * reviews.reply and reviews.get for Ann's review. `cut` says, per reply, whether the connection is
 * cut after Google Play took it ('after'), before ('before'), or not at all.
 */
function review(cut: ('after' | 'before' | 'none')[]) {
  const posts: string[] = [];
  let developer: { text: string; lastModified: { seconds: string } } | undefined;
  let reads = 0;
  for (const how of cut) {
    nock(API)
      .post(`${REVIEWS}/${encodeURIComponent(ANN_REVIEW)}:reply`)
      .reply(function (_uri, body) {
        const text = (body as { replyText: string }).replyText;
        posts.push(text);
        const take = () => (developer = { text, lastModified: { seconds: String(Math.floor(Date.now() / 1000)) } });
        if (how === 'none') return (take(), [200, fixture('google-play', 'reply-result')]);
        if (how === 'after') take();
        this.req.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return [200, {}];
      });
  }
  nock(API)
    .get(`${REVIEWS}/${encodeURIComponent(ANN_REVIEW)}`)
    .times(20)
    .reply(() => {
      reads++;
      const comments: unknown[] = [{ userComment: { text: 'my parcel is late', lastModified: { seconds: '1765015200' } } }];
      if (developer) comments.push({ developerComment: developer });
      return [200, { reviewId: ANN_REVIEW, authorName: 'Ann Example', comments }];
    });
  return { posts, reads: () => reads };
}

const sent = (s: RunningService, n: number) =>
  waitFor(async () => ((await s.store.stats()).outbox.sent === n ? true : undefined), 8000, `${n} sent`);

describe('Google Play channel', () => {
  const start = platformService(playEnv, (s) => createGooglePlayChannel(s.googlePlay!));

  it('the connection cut after Google Play took the reply: the retry finds it on the review and replies nothing more', async () => {
    const claims = tokenEndpoint();
    reviewsEndpoint(() => true);
    const stand = review(['after']);
    const { service, channel } = await start();
    await channel.pollOnce();
    await sent(service, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(stand.posts).toHaveLength(1);
    expect(stand.reads()).toBeGreaterThanOrEqual(1);
    // The service account's assertion, signed and checked by the stand-in, names it and the scope.
    expect(claims[0]).toMatchObject({
      iss: 'first-reply@acme-play.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/androidpublisher',
    });
  });

  it('the connection cut before Google Play took it: the retry reads the review and replies once', async () => {
    tokenEndpoint();
    reviewsEndpoint(() => true);
    const stand = review(['before', 'none']);
    const { service, channel } = await start();
    await channel.pollOnce();
    await sent(service, 1);
    expect(stand.posts).toHaveLength(2);
  });

  it('its daily allowance is the replies per app, shown in /readyz after a reply', async () => {
    tokenEndpoint();
    reviewsEndpoint(() => true);
    review(['none']);
    const { service, channel } = await start({ GOOGLE_PLAY_DAILY_REPLIES: '3' });
    await channel.pollOnce();
    await sent(service, 1);
    const ready = (await (await fetch(`${service.url}/readyz`)).json()) as { quota: Record<string, unknown> };
    expect(ready.quota['google-play']).toMatchObject({ units: 3, perReply: 1, spent: 1, left: 2 });
  });

  it('refuses to start without a usable service account key, naming the setting and never the key', () => {
    const bad = { ...playEnv, GOOGLE_PLAY_SERVICE_ACCOUNT_JSON: '{"client_email":"bot@example.com","private_key":"secret-not-a-key"}' };
    expect(() => loadChannelSettings(bad)).toThrow(/GOOGLE_PLAY_SERVICE_ACCOUNT_JSON: not a service account key \(private_key\)/);
    expect(() => loadChannelSettings(bad)).not.toThrow(/secret-not-a-key/);
    expect(() => loadChannelSettings({ GOOGLE_PLAY_PACKAGES: 'com.acme.shop' })).toThrow(
      /GOOGLE_PLAY_SERVICE_ACCOUNT_JSON or GOOGLE_PLAY_SERVICE_ACCOUNT_FILE: required/,
    );
    expect(() => loadChannelSettings({ ...playEnv, GOOGLE_PLAY_PACKAGES: 'not a package' })).toThrow(/GOOGLE_PLAY_PACKAGES/);
    expect(() => loadChannelSettings({ YOUTUBE_CHANNEL_ID: 'UC123' })).toThrow(/YOUTUBE_CHANNEL_ID: must be a channel id/);
    expect(() => loadChannelSettings({ YOUTUBE_CHANNEL_ID: 'UC123' })).toThrow(/YOUTUBE_CLIENT_ID: required/);
  });
});
