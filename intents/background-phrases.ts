/**
 * What brands get mentioned about that no knowledge entry covers: devices, connectivity, travel, food,
 * stores, accounts, praise and chatter. Together with the built-in intents they compete with the
 * entries as "background" classes, so a mention only gets an entry's answer when it looks more like
 * that entry than like anything else a customer might say. Phrasings written for this project.
 */
export const BACKGROUND_PHRASES: Record<string, readonly string[]> = {
  device: [
    'my phone battery drains really fast since the update', 'the screen keeps flickering', 'my laptop will not turn on',
    'the keyboard is glitchy after the software update', 'my headphones stopped charging', 'camera is blurry on my new phone',
    'the update made my phone so slow', 'touch screen not responding', 'my tv remote is not pairing', 'the console keeps freezing mid game',
  ],
  connectivity: [
    'my wifi keeps disconnecting', 'internet has been down all day, restarted the router twice', 'no signal at home',
    'calls keep dropping', 'the modem light is blinking orange', 'broadband speed is terrible tonight', 'no service in my area since yesterday',
    'mobile data not working abroad', 'my cable box says no connection',
  ],
  travel: [
    'my flight was delayed three hours', 'the airline lost my bag', 'train cancelled again this morning', 'can I change my seat',
    'stuck on the plane on the tarmac', 'my luggage arrived damaged', 'the gate agent was rude', 'missed my connection because of the delay',
    'is the 8am train running', 'how much is a checked bag',
  ],
  food_and_store: [
    'my food arrived cold', 'they forgot half my order', 'the store was out of stock', 'the cashier was really rude',
    'wrong size in the box', 'found a hair in my meal', 'is the store open on sunday', 'the product quality has gone down',
    'do you price match', 'is this item coming back in stock',
  ],
  media_and_games: [
    'the show keeps buffering', 'audio is out of sync with the video', 'my playlist disappeared', 'the game will not download',
    'how do I redeem a gift card', 'when is the next season coming out', 'the song skips every few seconds', 'subtitles are missing',
  ],
  chatter: [
    'lol that is so true', 'just watched the new episode', 'happy friday everyone', 'can not wait for the weekend',
    'this ad is hilarious', 'first time trying this, wish me luck', 'ok will do', 'done, sent you a dm', 'yes that is right',
    'no worries', 'still the same problem', 'tried that already and it still does not work', 'any news?',
  ],
};
