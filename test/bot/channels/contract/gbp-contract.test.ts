// nock first: it patches Node's http client before the channel's HTTP module keeps a reference to it.
import 'nock';
import { expect } from 'vitest';
import { createGbpChannel } from '../../../../bot/channels/gbp/gbp-channel.js';
import { channelContract } from '../channel-contract.js';
import { ANN_REVIEW, gbpEnv, gbpStandIn } from '../gbp/gbp-stand-in.js';

let serving = false;

channelContract({
  name: 'gbp',
  env: gbpEnv,
  create: (s) => createGbpChannel(s.gbp!),
  standIn(answers) {
    serving = false;
    return gbpStandIn(answers, () => serving);
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: {
    channel: 'gbp',
    platformId: expect.stringMatching(new RegExp(`^${ANN_REVIEW}@`)) as unknown as string,
    threadId: ANN_REVIEW,
    author: 'Ann Example',
    text: 'parcel is two weeks late',
  },
  replyUnder: ANN_REVIEW,
});
