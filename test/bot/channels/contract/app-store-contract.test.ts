// nock first: it patches Node's http client before the channel's HTTP module keeps a reference to it.
import 'nock';
import { createAppStoreChannel } from '../../../../bot/channels/app-store/app-store-channel.js';
import { ANN_REVIEW, appStoreEnv, appStoreStandIn } from '../app-store/app-store-stand-in.js';
import { channelContract } from '../channel-contract.js';

let serving = false;

channelContract({
  name: 'app-store',
  // A limit the contract's long reply goes over (Apple's own, 5,970, holds it whole).
  env: { ...appStoreEnv, APP_STORE_MAX_LENGTH: '3000' },
  create: (s) => createAppStoreChannel(s.appStore!),
  standIn(answers) {
    serving = false;
    return appStoreStandIn(answers, () => serving);
  },
  async deliver({ channel }) {
    serving = true;
    await channel.pollOnce();
  },
  expected: { channel: 'app-store', platformId: ANN_REVIEW, threadId: ANN_REVIEW, author: 'AnnExample', text: 'parcel is two weeks late' },
  replyUnder: ANN_REVIEW,
});
