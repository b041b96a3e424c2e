import { describe, expect, it } from 'vitest';
import { decideTurn } from '../../../bot/turn/decide-turn.js';
import { decideDeps } from './decide-deps.js';
import { deps, knowledge, mention } from './no-reply-fixture.js';

describe('issue 15 no_reply — a thanks that still needs a person', () => {
  it.each([
    '@acme thanks for nothing',
    '@acme thanks but it still fails every morning',
    '@acme thanks, though the app crashes the moment I open it',
    '@acme it is sorted now and I got my money back, but I am not impressed with your service at all',
    '@acme finally fixed, thanks. Thoroughly disappointed in how long it took',
    '@acme thanks! my phone is a Galaxy S8 if that helps',
    '@acme I sure can, thanks!',
    '@acme thanks, I would like to know when the next batch ships',
    '@acme how do I stop it happening again, thanks',
    '@acme vielen Dank, aber das Paket ist leider immer noch nicht angekommen',
    '@acme seems like it is working now, but the lag persists on my laptop',
    '@acme sorry, I meant the playlist from last summer, not the new one',
    // An insult at the brand: the thanks beside it is sarcasm, and a person engages.
    'Just left on the train at 4:30pm instead of this morning. Thanks @acme. Morons.',
    'Friendly reminder: @acme is evil. Thanks for listening!',
    // Damage told with irony is a complaint, not praise.
    'so my @acme parcel finally showed up today with the box crushed and the mug inside smashed. brilliant',
    '@acme what a joke, thanks anyway',
    // Something sent for the agent to read, however it is put.
    '@acme DMd you the details, thanks :)',
    '@acme shot it off just now, thanks',
    // Settled once, or for a while: the problem is back.
    "@acme you fixed it once but it's back",
    '@acme it worked great yesterday and now it is doing it again',
    '@acme loving my lunch until I found a hair in my bowl, disgusted',
    '@acme no worries! ooh, just spotted a few more, stand by',
    'Thanks @acme for the three hour delay at the gate #thanksnothanks',
    '@acme ok 👎',
    '@acme looking forward to your reply',
    '@acme thanks 🙄',
    // A question mark alone: still waiting, or lost; an angry or upside-down face alone: displeased.
    '@acme ?',
    '@acme ❓',
    '@acme 😡',
    '@acme 🙃🙃🙃',
    // A second matter beside the thanks, what the agent asked for shown, a DM sent however it is put.
    'Thanks @acme! Just the two live albums, btw',
    '@acme here it is https://example.com/p/123 this is the order thx :)',
    "@acme I've just slid into them, thanks",
    // A demand, and a customer leaving for another service.
    '@acme add dark mode already, make it happen thx',
    "@acme fair enough, thanks anyway. I'll stick with the other app",
    // Sarcasm a new user or a heckler writes: praise or thanks wrapped round a problem.
    '@acme great, another outage',
    '@acme thanks I guess',
    '@acme gee thanks',
    '@acme love how the app logs me out every day',
    '@acme amazing, third time this week',
    '@acme wow, thanks a lot for ruining my weekend',
    '@acme perfect timing as always 🙃',
    // A second matter, or a step taken for the agent, after the thanks.
    '@acme thanks. Quick question about my plan',
    '@acme ok thanks, my order number is ABC-DEF',
    '@acme thanks for the quick reply! Followed you back',
    // Stretched, a "no" is still a no; a thanks in another script with more said is for a person.
    '@acme thanks but noooooo',
    '@acme ありがとう、でもまだ届いていません',
    // A way round a problem that keeps coming back, and a feature other services have: for a person.
    '@acme it often starts at double speed when I open it, pause and play and all is well. Annoying',
    '@acme sure, competing apps manage it fine. Thanks!',
  ])('handed off: "%s"', async (text) => {
    expect(await decideTurn(mention(text), await deps())).toMatchObject({ status: 'handed_off', handoff: true });
  });
});

describe('issue 15 no_reply — courtesy read past asides, wishes and stories', () => {
  it.each([
    '@acme thank you, hopefully the feature comes back soon!',
    '@acme when I restarted the router it works now, thanks',
    '@acme no worries, can\u2019t wait for the new season',
    '@acme great support as always, thanks again',
    '@acme got my order without any issues, cheers',
    '@acme merci',
    '@acme works now! if it comes back I will DM you, cheers',
    '@acme so far it seems to be working, thanks',
    '@acme yep, the reinstall worked',
    '@acme excellent service at the airport store tonight',
    '@acme aww, your reply made my day',
    // A follow-up's words that end in the matter settled; a fix's time is no limit on it.
    '@acme tried that and it works now, thanks',
    '@acme your team sorted it out last night, thanks a lot',
    "@acme I'll give it a go!",
    '@acme so far so good',
    '@acme sweet!',
    '@acme really excited, fingers crossed',
    '@acme looking forward to it!',
    // A good state after a contrast settles; a hedge with "though" still settles; idioms tell no problem.
    "@acme sorted it myself. Took a while, but I'm good now, thanks",
    '@acme it seems to be working now though',
    '@acme the problem appears to have been resolved, thanks',
    '@acme no problems at all, the crew were nothing short of amazing',
    "@acme I'll stick with you guys, thanks",
    '@acme restarted it a second time and it is functioning again, thank you',
    // Stretched words, and a thanks in other languages and scripts.
    '@acme thaaaanks!!',
    '@acme Sweeeet!',
    '@acme obrigado!',
    '@acme grazie mille 🙏',
    '@acme ありがとう',
    '@acme спасибо',
  ])('a courtesy: "%s"', async (text) => {
    expect(await decideTurn(mention(text), await deps())).toMatchObject({ status: 'no_reply', reason: 'courtesy', handoff: false });
  });

  it('a long thanks is a courtesy up to COURTESY_MAX_WORDS; long praise without a thanks goes to a person', async () => {
    const thanks = '@acme thanks so much for all the help today, the team in the store on the high street were lovely';
    expect(await decideTurn(mention(thanks), await deps())).toMatchObject({ status: 'no_reply', reason: 'courtesy' });
    expect(await decideTurn(mention(thanks), { ...(await deps()), courtesyWords: 12 })).toMatchObject({
      status: 'handed_off',
      handoff: true,
    });
    const praise = '@acme cool cool cool, I think we are finally ready to move the whole family over to the other service';
    expect(await decideTurn(mention(praise), await deps())).toMatchObject({ status: 'handed_off', handoff: true });
  });

  it("a promotion in the brand's voice with its link is chatter; a customer quoting one to the brand is not", async () => {
    const promo = 'Dress up and win! Submit your photos with #SpookySnaps for a chance to win a new tablet https://example.com/p';
    expect(await decideTurn(mention(promo), await deps())).toMatchObject({ status: 'no_reply', reason: 'chatter' });
    expect(await decideTurn(mention(`@acme ${promo}`), await deps())).toMatchObject({ status: 'handed_off' });
    expect(
      await decideTurn(mention('Tried to join our family plan and got charged twice https://example.com/p @acme'), await deps()),
    ).toMatchObject({ status: 'handed_off' });
  });

  it('a brand agent signing a post ("*SamK") is the brand talking: no reply, no queue', async () => {
    const d = await decideTurn(mention('@bob Glad we could sort that out for you, enjoy the weekend *SamK'), await deps());
    expect(d).toMatchObject({ status: 'no_reply', reason: 'chatter', handoff: false });
    expect(d.reply).toBeUndefined();
    // An asterisk inside a customer's text is no signature.
    expect(await decideTurn(mention('@acme my parcel is *still* missing, where is it'), await deps())).toMatchObject({
      status: 'handed_off',
    });
  });

  it('an agent signing "^JAY" is the brand too, and the bot never answers it, even on an entry\'s topic', async () => {
    expect(await decideTurn(mention('@bob Have you reached out to our billing team? ^NHP'), await deps())).toMatchObject({
      status: 'no_reply',
      reason: 'chatter',
    });
    // Without no_reply decisions the signed post still gets no entry reply: a person sees it.
    const signed = mention('@bob is your parcel late? ^JAY');
    const off = await decideTurn(signed, await decideDeps(knowledge, { noReply: false }));
    expect(off).toMatchObject({ status: 'handed_off' });
    expect(await decideTurn(mention('@acme is my parcel late?'), await decideDeps(knowledge, { noReply: false }))).toMatchObject({
      status: 'answered',
      entryId: 'parcel-delays',
    });
    // A caret inside a customer's text is no signature.
    expect(await decideTurn(mention('@acme price went up ^ again, why'), await deps())).toMatchObject({ status: 'handed_off' });
  });

  it('a customer leaving is no courtesy, however settled the matter ("fixed it, we will not be renewing")', async () => {
    for (const text of [
      '@acme after 2 hours on the phone we finally fixed it, thankfully our contract is up and we will not be renewing with you',
      '@acme sorted now, thanks. Taking my business elsewhere next month',
      "@acme it works again. Won't renew though",
    ])
      expect(await decideTurn(mention(text), await deps()), text).toMatchObject({ status: 'handed_off' });
    expect(await decideTurn(mention('@acme all sorted now, renewed for another year, thanks!'), await deps())).toMatchObject({
      status: 'no_reply',
      reason: 'courtesy',
    });
  });

  it('a greeting before the handle is still addressed to the brand: "hi @acme" waits for a person', async () => {
    expect(await decideTurn(mention('hi @acme'), await deps())).toMatchObject({ status: 'handed_off' });
    expect(await decideTurn(mention('Hey there @acme, quick one'), await deps())).toMatchObject({ status: 'handed_off' });
  });

  it('a spam offer is spam whatever else it says; a customer in a conversation is no spammer', async () => {
    for (const text of [
      '@acme Get 10,000 real followers for just $9! DM us now',
      '@acme earn $5000 a week from home, click my bio!!!',
      '@acme $MOON token presale live, 100x guaranteed, link in bio',
    ])
      expect(await decideTurn(mention(text), await deps()), text).toMatchObject({ status: 'no_reply', reason: 'spam' });
    // Nor are a concert's presale codes, asked about by a fan.
    expect(await decideTurn(mention('@acme have the tour presale codes gone out yet? 😩'), await deps())).toMatchObject({
      status: 'handed_off',
    });
    // Followers and bios named by a customer about their own matter are no offer.
    expect(await decideTurn(mention('@acme I lost all my followers after the update, help'), await deps())).toMatchObject({
      status: 'handed_off',
    });
  });
});
