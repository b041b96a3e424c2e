/**
 * The words `no-reply.ts` reads a mention by. Every pattern is a plain alternation of literal words
 * without nested repetition: linear in the text, so nothing a customer writes can stall the event loop.
 */

export const HANDLE = /@\w+/g;
export const LINK = /https?:\/\/\S+|pic\.twitter\.com\/\S+|\bwww\.\S+/i;
export const LINKS = new RegExp(LINK.source, 'gi');
export const WORD_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A heart written as text ("<3", escaped by some platforms): no number. */
export const HEARTS = /&lt;3+|<3+/g;
/** Emoji that say the customer is displeased ("ok 👎"): no thanks or "ok" beside them is a courtesy. */
export const DISPLEASED_EMOJI =
  /[\u{1F44E}\u{1F621}\u{1F620}\u{1F92C}\u{1F624}\u{1F644}\u{1F612}\u{1F4A9}\u{1F595}\u{1F611}\u{1F63E}\u{1F643}]/u;
/** A question without words: a question mark (a thinking face alone is as often a reaction to someone else's post). */
export const PUZZLED = /[?\u{2753}\u{2754}]/u;
/** A letter of another script than Latin: a person points non-English mentions to local support. */
export const OTHER_SCRIPT = /(?!\p{Script=Latin})\p{L}/u;

/** Gratitude, praise, a plain "ok" or a problem that is over ("works now", "all sorted"). */
export const COURTESY =
  /\b(thanks+|thank\s?(you+|u+|ya|yall)|thankyou+|thankx|thanx|thx+|thnx|tnx|tks|tysm|tyvm|ty|cheers|gracias|merci|danke|obrigad[oa]|grazie|dank\s?je(wel)?|bedankt|kiitos|dzi[eę]kuj[eę]|terima\skasih|salamat|asante|mahalo|tack|appreciated?|grateful|kudos|legends?|you\s(guys\s)?(rock|are\s(the\s)?(best|great|awesome|amazing|cute))|love|awesome|amazing|brilliant|excellent|perfect|great|cool|nice|yay|woohoo|sounds\sgood|will\sdo|got\sit|ok|okay|okays|worked|works?\s(now|again|fine|great|perfectly|beautifully)|working\s(now|again|fine|great|perfectly)|fixed|resolved|all\s(good|sorted|set|well)|sorted|figured\sit\sout|never\s?mind|nvm|no\s(worries|problem|probs|prob)|don'?t\sworry|i'?ll\s(just\s)?(try|wait)|i\swill\s(try|wait)|(give|giving)\sit\sa\s(go|shot|try|whirl)|so\sfar\sso\sgood|sweet|excited|stoked|looking\sforward\sto\s(it|this|that)|fingers\scrossed|just\s(kidding|joking)|i\sunderstand|understood|my\s(mistake|bad)|fair\senough|makes\ssense|good\slooks|aww+|made\s(my|her|his|our)\s(day|night|week|morning)|(speedy|quick|fast|great|good|excellent)\s(service|support|response|reply|job|call)|haha\w*|lol|lmao)\b/i;

/** Thanks in a script other than Latin, where \b does not hold: Japanese, Chinese, Korean, Russian, Arabic, Hebrew, Hindi, Thai. */
export const THANKS_OTHER_SCRIPT =
  /(ありがとう(ございます)?|有難う|谢谢|謝謝|감사합니다|고마워요?|спасибо|شكرا(\sجزيلا)?|תודה(\sרבה)?|धन्यवाद|ขอบคุณ(ครับ|ค่ะ)?)/gu;

/** Thanks in so many words. */
export const GRATITUDE =
  /\b(thanks+|thank\s?(you+|u+|ya|yall)|thankyou+|thankx|thanx|thx+|thnx|tnx|tks|tysm|tyvm|ty|cheers|gracias|merci|danke|obrigad[oa]|grazie|dank\s?je(wel)?|bedankt|kiitos|dzi[eę]kuj[eę]|terima\skasih|salamat|asante|mahalo|appreciated?|grateful)\b/i;

/**
 * Idioms that carry a negation or a problem word without meaning one ("no worries", "can't wait",
 * "without issue", "thanks again", "if it happens again I'll DM you"): left out before questions,
 * steps and problem words are looked for.
 */
export const COURTESY_IDIOMS =
  /\b(no\s(worries|worry|problems?|probs|prob|issues?)|not\sbad|nothing\sshort\sof|(not|n'?t)\seven\smad|(won'?t|will\snot)\smiss|never\s?mind|don'?t\sworry|don'?t\smind|can'?t\swait|without\s(any\s)?(issues?|problems?)|but\s(thanks|thank\syou|thx)\sanyway|(thanks|thank\syou|thx)\sagain|nothing\sbut\s(the\smost\s)?(love|respect|the\sbest)|(couldn'?t|could\snot)\spass\s(it|this|that)\sup|never\sfelt\s(more|better)|(didn'?t|did\snot)\smean\sto|(didn'?t|did\snot|never)\s(expect|expected|know|knew|realise|realize|realised|realized)|no\sdoubt|can'?t\sthank\s(you|u)\senough|no\soffen[cs]e|but\s(ok|okay|that'?s\sok|fair\senough|sounds\sgood)|for\s(trying\sto\s)?help(ing)?\sme|if\s(it|this|that|i|the\sproblem|the\sissue)\s(ever\s)?(happens|comes\sback|encounter|see|get|run|persists|returns)[^.!?]{0,60})\b/gi;

/** A wish or an aside beside a thanks ("thanks, hopefully it comes back soon"): no problem in itself. */
export const WISHES = /\b(hope|hopefully|soon|though|tho|although|joke|sorry|again|seriously)\b/giu;

/**
 * A question or a request: someone must answer it. A wh-word asks only when a verb follows it ("how do
 * I", "when will it"): "when I tapped", "what I meant", "someone who was kind" tell a story.
 */
export const ASKS =
  /\?|\b(please|pls|plz|help\sme|can\syou|could\syou|would\syou|will\syou|let\sme\sknow|advise|need|needs|i'm\sfrom|im\sfrom|(like|want)\sto\sknow|wondering|wonder\sif|(how|why|when|where|what)\s(is|are|was|were|do|does|did|can|could|should|would|will|has|have|am|to|much|many|long|come|about|else|if|isn't|aren't|don't|doesn't|didn't|can't|won't|i\s(can|could|should|do|get|would|will|may)|we\s(can|could|should|do|get)|my)|(which|who)\s(do|does|did|can|could|should|would|will)|how's|hows|what's|whats|where's|wheres|when's|why's)\b/iu;

/**
 * A question without its question mark: an auxiliary first in a clause ("can I change it to deluxe",
 * "is there a way to...", "do you have..."), or a request put politely ("if you could call me",
 * "any ideas would be appreciated", "tell me if...", "I expect a credit").
 */
export const QUESTION_FORM =
  /(^\s*|[.!;:,(]\s*|\b(and|so|also|but|or|btw|hi|hey|hello)\s+)((can|could|do|will|would|should)\s(i|you|u|we|they|anyone|someone|somebody)|(is|are)\s(there|it|this|that|my|mine|anyone|someone)|(does|did|has|will)\s(it|this|that|my|anyone)|(have|has)\s(you|u|anyone|someone))\b/iu;
export const REQUEST =
  /\b(if\s(you|u|ya|y'all|yall|your\steam|the\steam|someone|anyone|somebody)\s(can|could|would|will|don't\smind)|any\s(ideas?|suggestions?|advice|tips|thoughts|help)|tell\sme|make\s(it|this|that)\shappen|get\s(it|this|that)\sdone|do\sbetter|would\sbe\s(appreciated|grateful)|i'?d\s(be\sgrateful|appreciate)|i\swould\s(be\sgrateful|appreciate))\b/iu;

/** A second customer with the same matter ("same inquiry", "me too"): their own problem, for a person. */
export const SAME_HERE =
  /\b(same\s(inquiry|enquiry|query|question|request|situation|here|for\sme|with\sme)|me\stoo|i\s(have|had|got|am\shaving|'m\shaving)\sthe\ssame)\b/iu;

/** One part of a longer post ("1/2", "(2/3)"): a person reads the whole. */
export const PART_OF_MORE = /(^|\s)\(?[1-9]\s?\/\s?[2-9]\)?(\s|$)/u;

/** A second matter added beside a thanks ("Thanks! Just those two albums, btw", "quick question"): a person reads it. */
export const ASIDE =
  /\b(btw|by\sthe\sway|p\.?s\.?|one\smore\sthing|(quick|another|one\smore|a)\squestion|while\si\shave\syou|on\sanother\snote)(?=\W|$)/iu;

/** With a link, what the agent asked for, shown ("this is the playlist", "there you go"). */
export const SHOWN = /\b((this|that|these|those)\s(is|are)\s(the|my|it)|this'?s\s(the|my|it)|there\s(it\sis|you\sgo))\b/iu;

/** A step taken for the agent ("DM sent", "slid into your DMs", "here's the link", "I sure can", "I meant"): a person picks the conversation up. */
export const STEP_FOR_AGENT =
  /\b(here'?s|here\sis|here\sare|here\syou\sgo|attached|screenshots?|dm|dms|dm'd|dmd|dmed|messaged|(slid|slide|sliding)\sinto|(followed|follow|following)\s(you|u|ya)|(order|account|reference|ref|ticket|case|tracking|booking|confirmation)\s(number|no|#|code)|shot\sit\s(off|over)|fired\sit\s(off|over)|message|sent|send|email|emailed|replied|reply\sback|advance|waiting|wait\sfor|i\smeant|to\sclarify|stand\sby|i\s(sure|certainly|definitely)\s(can|will|do)|(yes|sure|yep),?\si\s(can|will))\b/iu;

const DEVICES =
  'version|ver|using|running|set\\sto|iphone|ipad|mac|macbook|android|windows|ios|macos|laptop|phone|pc|app\\sversion|samsung|galaxy|pixel|huawei|xbox|playstation|ps4|chromebook|kindle|firestick|roku|chromecast|(my\\s)?(account|country|region)\\s(is|was)';

/** Details a person reads: numbers, versions, devices, settings. */
export const DETAILS = new RegExp(`\\p{N}|\\b(${DEVICES})\\b`, 'iu');

/** Details other than a number (a price is no detail in talk about the brand). */
export const NON_PRICE_DETAILS = new RegExp(`\\b(${DEVICES})\\b`, 'iu');

/** A problem, a complaint, a contrast or a negation: with nothing that settles it, a person reads it. */
export const TROUBLE =
  /\b(but|however|though|although|still|yet|again|not|no|never|nothing|nobody|none|cannot|can't|cant|won't|wont|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|wasn't|wasnt|aren't|haven't|havent|hasn't|hasnt|couldn't|shouldn't|wouldn't|unfortunately|neither|issue|issues|problem|problems|broken|broke|error|errors|crash|crashes|crashing|bug|bugs|fail|failed|fails|failing|wrong|missing|lost|late|delay|delays|delayed|stuck|slow|down|disappeared|disappear|gone|deleted|removed|wiped|stopped|stops|freezes|freezing|froze|frozen|keeps|kept|worse|worst|terrible|awful|horrible|useless|rude|rudest|pathetic|disgusting|disgusted|grossed\sout|hate|annoying|ridiculous|unacceptable|persists|persisted|joke|seriously|disappointed|disappointing|sad|angry|damaged|crushed|smashed|cracked|dented|shattered|leaking|leaked|torn|ripped|soaked|spoiled|rotten|mouldy|moldy|faulty|defective|hope|hopefully|soon|refund|charged|cancel|this\sscreen|outages?|ruin|ruined|ruining|wasted|ignored|ignoring|(second|third|fourth|fifth|sixth|\d+(st|nd|rd|th))\stime|(found|find|finding)\s(\S+\s){0,3}in\s(my|the|our)\s(food|meal|bowl|burrito|drink|order|salad|sandwich))\b/iu;

/**
 * Displeasure with the brand that a settled matter does not take back ("refunded, but not impressed
 * with the service"): the customer may be lost, so a person reads it. An insult is displeasure too,
 * however it ends ("Thanks @brand. Morons."): a thanks beside it is sarcasm, not a courtesy. So is a
 * customer leaving ("finally fixed it, we will not be renewing with you", "thanks anyway, I'll stick to
 * another service").
 */
export const DISPLEASED =
  /\b(not\s(impressed|happy|pleased|satisfied)|unhappy|dissatisfied|(disappointed|disgusted)\s(in|with|by)|thoroughly\sdisappointed|never\s(again|ordering|buying|using)|(will\snot|won'?t|not\sgoing\sto|never)\s(be\s)?renew(ed|ing)?|not\s(be\s)?renewing|(switching|moving|going)\sto\sanother|(i'?ll|i\swill|i'?m|gonna|going\sto)\s(just\s)?(stick|sticking|stay|staying)\s(to|with)\s(?!(you|u|ya|y'?all|it|this|that)\b)|(take|taking)\smy\sbusiness\selsewhere|competitors?|competing\s(service|services|app|apps)|lost\sa\scustomer|thanks\s?no\s?thanks|(thanks|thank\syou|thx|ok|okay|great|cool)\s(i\sguess|then\si\sguess)|gee,?\s(thanks|thank\syou|thx)|(love|loving|great|nice|amazing|wonderful)\s(how|that)\s(the|your|my|it|you|i|this)|evil|morons?|idiots?|imbeciles?|clowns|incompetent|useless|pathetic|disgrace(ful)?|shambles|(a|what\sa|such\sa|total|complete)\sjoke|the\sworst)\b/iu;

/**
 * The customer says the matter is settled: it works now, they or an agent sorted it out. Problem
 * words and details beside it are its story.
 */
export const SETTLED =
  /\b((works?|functions)\s(now|again|fine\snow|perfectly\snow)|(working|functioning)\s(now|again|fine\snow|perfectly\snow)|all\sis\s(well|working)|(it|that|this|login|restart|restarting|reinstall|reinstalling|reboot|rebooting|the\sfix|the\slink)\s(worked|helped|did\sthe\strick)|(removed|cleared|fixed)\sthe\s(glitch|bug|issue|problem|error)|it\sunfroze|(it'?s|is|was|been|got|all|problem|issue|that|situation|everything)\s(now\s)?(solved|resolved|sorted|fixed)|(fixed|sorted|solved|resolved)\s(it|itself|now|everything)|(fixed|solved|resolved|sorted|fixing|solving|resolving|sorting)\s(out\s)?(my|the|our|this|that)\s(issue|problem|error|bug|glitch)|(got|have|had)\s(it|this|that|everything)\s(fixed|sorted|solved|resolved)|(been|got\s(it|this|that|everything)|all|was|were|is|are|it's)\staken\scare\sof|able\sto\s(solve|fix|resolve|sort)\s(it|this|that|the\sproblem|the\sissue|my\sissue|my\sproblem)|fixes\s(it|everything|the\s(issue|problem))|(got|gotten)\sit\sto\swork|resolves?\sthe\s(issue|problem)|(is|are|was|were)\s(all\s)?back|back\s(to\snormal|in\saction|to\sperfection|up\sand\srunning)|figured\s(it\s)?out|all\s(good|sorted|set)|got\sit\sworking|(seems?|seemed|appears?|appeared)\sto\s(have\s)?(been\s)?(fixed|fix|sorted|solved|resolved|worked|done\sthe\strick))\b/iu;

/** The customer closes the conversation ("thanks anyway", "but I appreciate it"), whatever the matter came to. */
export const CLOSING =
  /\b((thanks|thank\syou|thx|cheers)\s(anyway|anyways|though|regardless)|but\s(i\s)?(thanks|thank\syou|thank\su|thx|tks|appreciate))\b/iu;

/**
 * A settling word turned around: negated ("neither worked", "did not resolve the issue", "stopped working
 * again"), conditional ("if that fixes it"), in the past ("used to work fine") or a purpose still to
 * reach ("a technician coming out to resolve the issue", "to make it work again"): nothing is settled.
 */
export const UNSETTLED =
  /\b(hope|hoping|hopefully|if|until)\s(\S+\s){0,3}(solved|resolved|sorted|fixed|working|works|solution)\b|\b(not|never|no|none|nothing|neither|stopped|stops|used\sto|haven't|havent|hasn't|hasnt|didn't|didnt|doesn't|doesnt|don't|dont|won't|wont|can't|cant|cannot|couldn't|couldnt|isn't|isnt|wasn't|wasnt|without)\s(\S+\s){0,3}(solved|resolved|resolve|resolves|solve|sorted|fixed|fix|fixes|working|works|work|worked|helped|helps|solution)\b|\b(trying|going|coming|out|need|needs|have|has)\sto\s(\S+\s){0,2}(solve|resolve|fix|sort|work)\b|\bto\s(make|get)\s(it|this|that|them)\s(to\s)?work(ing)?\s(again|properly)\b/iu;

/**
 * Said after a settling word, a contrast with a problem ("fixed it, but not the playlist issue") or a
 * limit ("temporarily fixes it", "was fixed previously") takes the settling back.
 */
export const CONTRAST = /\b(but|however|except|although|though)\b/iu;
export const TEMPORARY =
  /\b(temporarily|intermittent|intermittently|previously|for\sa\s(day|while|bit|moment|minute|second)|for\s(\d+|one|two|a\sfew|a\scouple\sof)\s(day|days|hour|hours|minute|minutes|second|seconds))\b/iu;

/** How often a matter comes back ("frequently upon startup", "every time"): a way round it settles nothing. */
export const RECURRING = /\b(frequently|often|sometimes|occasionally|randomly|every\s(time|now\sand\sthen|so\soften)|each\stime)\b/iu;

/** A time past beside a working state ("worked great yesterday", "worked at first"): it may not work now. */
export const PAST_TIME = /\b(once|yesterday|earlier|at\sfirst|last\s(night|week))\b/iu;

/**
 * Said after a contrast, the problem come back ("fixed it once but it's back") or a new state ("fixed it,
 * but now it's on every account") takes the settling back; a good state now ("took a few tries, but I'm
 * good now") does not.
 */
export const RECURRED =
  /\b((it'?s|its|it\sis|is|came|comes|coming)\s(back|happening\sagain)|(?<!\b(good|fine|ok|okay|great|sorted|set|working|works|perfect|happy)\s+)now)\b/iu;

/** A settling word hedged ("seems like it's working"): settled unless a problem is told beside it. */
export const HEDGED = /\b(seems|seem|seemed)\s(\S+\s){0,3}(solved|resolved|sorted|fixed|working|works)\b/iu;

/**
 * Praise or a plain "ok" that outweighs a problem topic the model reads into a short post ("excellent
 * service tonight", "okay you win this round"); laughter alone does not ("lol" is as often scorn).
 */
export const PRAISE =
  /\b(excellent|perfect|woohoo|awesome|amazing|love|brilliant|great|cool|nice|sweet|excited|stoked|yay|kudos|ok|okay|just\s(kidding|joking)|no\sworries)\b/iu;

/** A promotion in a brand's voice ("join our", "for a chance to win", "get $2 off"). */
export const PROMOTION =
  /\b(join\sour|submit\syour|for\sa\schance\sto\swin|chance\sto\swin|get\sa\sfree|get\s\$?\d+\soff|don'?t\smiss|stay\stuned|re-?tweet\sto|sign\sup\snow|shop\snow|use\scode|enter\sto\swin)\b|#contest\b/iu;

/**
 * What only spam offers ("10,000 real followers", "link in bio", "earn $5000 a week", "token presale, 100x"):
 * no customer of the brand writes these about their own matter (a concert's presale codes they do).
 */
export const SPAM_OFFER =
  /\b(link\sin\s(my\s)?bio|click\s(my|the\slink\sin\s(my\s)?)\s?bio|check\s(out\s)?my\s(bio|profile|channel|page|onlyfans)|real\sfollowers|free\sfollowers|(buy|get|gain)\s(\d[\d,.k]*\s)?(real\s)?(followers|likes|subscribers)|followers\sfor\s(just\s|only\s)?\$|airdrop|(token|coin|crypto|ico|nft)s?\spre-?sale|crypto\s(giveaway|signals)|(earn|make)\s\$?\d[\d,.k]*\s(a|per|every)\s(day|week|month)|work(ing)?\sfrom\shome\sand\searn|100x|1000x|guaranteed\s(profit|returns?))\b/iu;

/**
 * A brand agent's reply signed at its end ("... *ErikS", "... ^JAY"), as support teams sign on X: the
 * brand talking (from another of its accounts), not a customer.
 */
export const AGENT_SIGNATURE = /(^|\s)[*^][A-Z][A-Za-z]{1,20}\s*$/u;
