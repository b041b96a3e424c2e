/**
 * Customer-service intents every brand gets. They never produce an answer (only knowledge entries do):
 * they tell the handoff what the mention is about (routing) and how urgent it is (priority).
 * Phrasings written for this project.
 */
export const BUILTIN_INTENTS: Record<string, readonly string[]> = {
  greeting: [
    'hi there', 'hello', 'hey, anyone around?', 'good morning team', 'hiya', 'hello, is this the right account to ask?',
    'hey folks', 'good evening', 'hi, quick question', 'yo', 'greetings',
  ],
  thanks: [
    'thank you so much', 'thanks for the quick help', 'you guys are great', 'love this service', 'cheers, sorted now',
    'great support, thanks', 'amazing customer service as always', 'appreciate the fast reply', 'brilliant, all fixed',
    'thanks a lot', 'best app ever', 'really happy with my purchase',
  ],
  complaint: [
    'this is unacceptable', 'worst service I have ever had', 'I am really disappointed with you', 'absolutely terrible experience',
    'I have been waiting for weeks and nobody answers', 'you keep ignoring my emails', 'this is a joke, fix it',
    'so frustrated with your company', 'never buying from you again', 'your staff were rude to me', 'what a rip off',
    'still no reply after three calls',
  ],
  delivery: [
    'where is my order', 'my parcel has not arrived', 'package says delivered but I never got it', 'when will my order ship',
    'tracking has not updated in days', 'delivery is late', 'the courier left my parcel outside', 'how long does shipping take',
    'my package is lost', 'wrong item delivered', 'order stuck in transit', 'can I change my delivery address',
  ],
  refund: [
    'I want a refund', 'how do I return this item', 'still waiting for my refund', 'can I get my money back',
    'refund has not reached my account', 'item arrived broken, I want my money back', 'how long do refunds take',
    'return label please', 'I returned it two weeks ago and no refund yet', 'charged but order cancelled, refund please',
  ],
  cancel: [
    'cancel my order', 'how do I cancel my subscription', 'I want to close my account', 'please cancel my booking',
    'stop my membership', 'unsubscribe me', 'cancel the plan before it renews', 'I no longer want this order',
    'how can I end my contract', 'cancel my flight',
  ],
  account: [
    'I cannot log in', 'forgot my password', 'password reset email never arrives', 'my account is locked',
    'two factor code not working', 'how do I change my email address', 'login keeps failing', 'cannot access my account',
    'verification code never comes', 'update my profile details',
  ],
  billing: [
    'I was charged twice', 'why is my bill so high', 'unexpected charge on my card', 'my payment was declined',
    'how do I update my card', 'wrong amount on my invoice', 'I was billed after cancelling', 'promo code did not apply',
    'need a copy of my invoice', 'double charged this month',
  ],
  outage: [
    'is the app down', 'your website is not loading', 'service outage in my area', 'app keeps crashing',
    'getting error 500', 'no internet since this morning', 'is anyone else having problems', 'the site is down again',
    'cannot connect to the server', 'streaming not working right now', 'payments failing on the website', 'network down',
  ],
  human: [
    'can I speak to a real person', 'let me talk to a human', 'I need an agent', 'give me a phone number to call',
    'stop the bot, I want a person', 'transfer me to customer service', 'connect me with support staff',
    'is there a human I can talk to', 'please DM me', 'call me back please',
  ],
  spam: [
    'follow me for free followers', 'click this link to win an iphone', 'check out my channel', 'crypto giveaway send 1 btc',
    'earn money from home fast', 'buy cheap followers now', 'promo 50% off visit my store', 'dm for collab',
    'free gift cards here', 'make $5000 a week',
  ],
};

/**
 * Built-in intents that say how a customer writes or what they want done (angry, "it's down", "a
 * person please"), not what the mention is about: they set the complaint flag, priority and routing
 * but never compete with the entries, so an angry mention about an entry's topic still gets its answer.
 */
export const TONE_INTENTS: readonly string[] = ['complaint', 'outage', 'human'];

/** The built-in intents that name what a mention is about (out-of-scope signals for the entries). */
export function builtinTopics(): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(BUILTIN_INTENTS).filter(([label]) => !TONE_INTENTS.includes(label)));
}
