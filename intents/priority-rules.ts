/**
 * The explicit ranking of handoffs: what makes a mention urgent (someone hurt or in danger, an account
 * or card in someone else's hands, a legal threat) or high (the customer has no service at all, money
 * taken wrongly, asking again and again), each with its reason in plain words for agents.
 * Everything else is normal (tone orders it within its level) or low (thanks, greetings, spam).
 *
 * Patterns are plain alternations of fixed phrasings (no nested quantifiers): they run on customer
 * text of any length in linear time. A match preceded in its clause by a negation or an "if"
 * ("not hacked", "no one was hurt", "what if my account gets hacked") does not count.
 */
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface PriorityRule {
  /** The signal the rule raises (stored in the understanding's `urgency`). */
  signal: string;
  priority: 'urgent' | 'high';
  /** What agents read, e.g. "Safety: burn injury". */
  reason: string;
  pattern: RegExp;
  /** A second pattern the text must also contain (anywhere), for phrasings that need a context. */
  alsoNeeds?: RegExp;
}

const CHARGE_WORDS = /\b(charg\w*|bill\w*|debit\w*|paid|payment|money|refund\w*)\b|[$£€]/i;
const COMPLAINT_VERBS = /\b(complain\w*|report\w*|file|filing|contact\w*|escalat\w*|write to|writing to)\b/i;

export const PRIORITY_RULES: readonly PriorityRule[] = [
  // Safety: a person hurt, or a product or place that could hurt someone.
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: burn injury',
    pattern:
      /\b(burn(ed|t|s)? (me|my|myself|him|her|his|us|our)|(got|been|was|were|am|is|are) (badly |severely )?burn(ed|t)|burns? (marks?|injur\w+|blisters?)|scald(ed|ing|s)?)\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: fire or smoke',
    pattern:
      /\b(caught fire|catch(es|ing)? fire|on fire|burst into flames|in flames|fire hazard|(started|starts) a fire|smoke (came|coming|pouring|started)|smoking (charger|battery|plug|cable|socket)|explod(ed|es|ing)|sparks (came|flew|flying|coming))\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: electric shock',
    pattern: /\b(electric(al)? shock|electrocut\w+|shocked me|gave me a shock)\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: injury',
    pattern:
      /\b(injur(ed|y|ies|ing)|(was|were|got|been|is|am|are) (badly |seriously )?hurt|hurt (myself|himself|herself|themselves)|hurt my (back|hand|arm|leg|head|neck|son|daughter|child|kid|baby))\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: medical emergency',
    pattern:
      /\b(hospitali[sz]ed|in (the )?hospital|to (the )?hospital|a ?& ?e|emergency room|ambulance|paramedics?|nearly died|almost died|could have died|could've died|bleeding|stitches)\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: food poisoning',
    pattern: /\b(food poisoning|poisoned|(sick|ill) (from|after) (eating|your|the)|threw up after|vomiting|vomited)\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: allergic reaction',
    pattern: /\b(allergic reaction|anaphyla\w+|epi ?pen|(nut|peanut|gluten|dairy|shellfish|sesame) allerg\w+)\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: foreign object in food',
    pattern:
      /\b(chok(ed|ing) on|(glass|metal|plastic|wire|bone|a screw|a nail|a hair|hair|bug|a bug|insect|a cockroach|a roach) (in|inside) (my|the|our) (food|meal|drink|burrito|bowl|salad|sandwich|pizza|coffee|order|tacos?))\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: gas leak',
    pattern: /\b(gas leak|smells? of gas|smelled gas|carbon monoxide)\b/i,
  },
  {
    signal: 'safety',
    priority: 'urgent',
    reason: 'Safety: unsafe product',
    pattern: /\b(unsafe|dangerous|fire hazard|safety (issue|hazard|risk|concern)|product recall|been recalled)\b/i,
  },

  // Data breach: someone else has the customer's account, card or data.
  {
    signal: 'data_breach',
    priority: 'urgent',
    reason: 'Data breach: hacked account',
    pattern:
      /\b(hacked|hacker|hackers|someone (has |had )?(logged|got|gotten|broke|broken) in(to)? my|(account|card|details|data|password|email) (was |has been |is |got )?compromised)\b/i,
  },
  {
    signal: 'data_breach',
    priority: 'urgent',
    reason: 'Data breach: unauthorised charge',
    pattern:
      /\b(unauthori[sz]ed (charge|payment|purchase|transaction|access|login|log in|use|order)s?|fraudulent (charge|transaction|payment|purchase|activity|account|use)s?|charged fraudulently|fraud on my (card|account)|(did ?n't|did not|never) (make|authori[sz]e) (this|these|that|those|the|any) (purchase|charge|payment|transaction)s?|do ?n't recogni[sz]e (this|these|the|a|that) (charge|payment|transaction)s?)\b/i,
  },
  {
    signal: 'data_breach',
    priority: 'urgent',
    reason: 'Data breach: identity theft',
    pattern: /\b(identity theft|stole(n)? my identity|stolen (card|credit card|details|data|account|password))\b/i,
  },
  {
    signal: 'data_breach',
    priority: 'urgent',
    reason: 'Data breach: personal data exposed',
    pattern:
      /\b(data (breach|leak)|breach of (my )?(data|privacy)|(data|details|information|info|address|card details) (was |were |has been |have been |got |is |are )?(leaked|exposed|stolen|sold)|leaked my)\b/i,
  },
  {
    signal: 'data_breach',
    priority: 'urgent',
    reason: 'Data breach: phishing',
    pattern: /\b(phishing|scam (email|text|call|message)s?)\b/i,
  },

  // Legal threats.
  {
    signal: 'legal',
    priority: 'urgent',
    reason: 'Legal threat: lawyer',
    pattern:
      /\b((my|our) (lawyer|attorney|solicitor|legal team)s?|(call|calling|contact|contacting|get|getting|speak to|speaking to|talk to|talking to|consult|consulting|hire|hiring|involve|involving|see|seeing) (a|my|our) (lawyer|attorney|solicitor))\b/i,
  },
  {
    signal: 'legal',
    priority: 'urgent',
    reason: 'Legal threat: lawsuit',
    pattern:
      /\b(sue (you|u|them|the company)|suing|lawsuit|class action|legal action|legal proceedings|(take|taking|took) (you|u|this|it|them) to court|see you in court|(go|going|will go) to court|small claims)\b/i,
  },
  {
    signal: 'legal',
    priority: 'urgent',
    reason: 'Legal threat: regulator complaint',
    pattern:
      /\b(trading standards|ombudsman|fcc|ftc|cfpb|better business bureau|bbb|attorney general|consumer protection|ofcom|ofgem|regulator)\b/i,
    alsoNeeds: COMPLAINT_VERBS,
  },

  // Service wholly down for this customer.
  {
    signal: 'service_down',
    priority: 'high',
    reason: 'Service down: no service',
    pattern:
      /\b((no|zero) (service|internet|wifi|wi-fi|signal|power|electricity|phone service|tv service|dial tone|heat|heating|hot water)|without (service|internet|power|electricity|phone service|tv service|heat|heating|hot water))\b/i,
  },
  {
    signal: 'service_down',
    priority: 'high',
    reason: 'Service down: locked out of the account',
    pattern:
      /\b(locked out|(can't|cannot|can not|unable to|won't let me) (log ?in|sign ?in|login|access|get into) (to )?(my|our) (account|acct|profile|email|id|apple id))\b/i,
  },
  {
    signal: 'service_down',
    priority: 'high',
    reason: "Service down: device won't turn on",
    pattern:
      /\b((won't|will not|doesn't|does not|can't|cannot) (even )?(turn|switch|power) on|(phone|laptop|device|tv|console|iphone|ipad|mac|macbook|router|modem) (is )?(completely |totally )?dead|bricked)\b/i,
  },
  {
    signal: 'service_down',
    priority: 'high',
    reason: 'Service down: for hours or days',
    pattern:
      /\b((down|out|offline|not working|no service) (for|since) (\d+|two|three|four|five|several|many) (hours|days|weeks)|(completely|totally|entirely) (down|dead|unusable)|nothing (works|is working|loads))\b/i,
  },

  // Money taken wrongly.
  {
    signal: 'money_taken',
    priority: 'high',
    reason: 'Money: charged twice or too much',
    pattern:
      /\b(charged (me |us |my card |my credit card |my debit card |my account )?(twice|double|two times|2x|three times)|double(-| )?charged|double charge|duplicate (charge|payment|transaction)s?|overcharg(ed|ing|e)|charged (me )?(the )?wrong (amount|price))\b/i,
  },
  {
    signal: 'money_taken',
    priority: 'high',
    reason: 'Money: charged after cancelling',
    pattern: /\b(was|got|were|just|been) (charged|billed|debited)\b/i,
    alsoNeeds: /\b(cancell?ed|cancell?ing|cancellation of|after (i|we) cancel)\b/i,
  },
  {
    signal: 'money_taken',
    priority: 'high',
    reason: 'Money: still being charged',
    pattern: /\b((still|keep|kept|tired of) (being |getting )?(charged|billed|debited)|still charg(ed|ing) (me|us))\b/i,
  },
  {
    signal: 'money_taken',
    priority: 'high',
    reason: 'Money: refund not received',
    pattern:
      /\b(still (no|not|haven't|have not|waiting for|waiting on) (got |received |had |seen |gotten )?(my |a |the |any )?refund|refund (still )?(hasn't|has not|never|not yet) (arrived|come|shown|appeared|been)|where is my refund|never (got|received) (my |a |the )?refund)\b/i,
  },
  {
    signal: 'money_taken',
    priority: 'high',
    reason: 'Money: taken without consent',
    pattern:
      /\b((took|taken|taking|stole|kept|keeping|holding) (all )?(of )?(my|our|the) money|took money without|(i|we) (never|didn't|did not) (place|placed|make|made|order|ordered|buy|bought|authori[sz]e|authori[sz]ed)\b|charged (me )?without (my )?(permission|consent|authori[sz]ation)|(never|didn't|did not) (order|buy|purchase|sign up for|subscribe to|authori[sz]e) (this|it|that|anything))\b/i,
    alsoNeeds: CHARGE_WORDS,
  },

  // The customer has asked before and got no answer.
  {
    signal: 'follow_up',
    priority: 'high',
    reason: 'Repeated follow-up: asked several times',
    pattern:
      /\b((called|contacted|messaged|emailed|dm'd|dmed|tweeted|asked|chatted|spoke to|spoken to|phoned|rang|reached out to|reached out) (you |them |u )?(\d+|two|three|four|five|six|several|multiple|many|numerous|countless|so many) times|(\d+|three|four|five|several|multiple|many|numerous) (calls|emails|messages|dms|chats|tweets) (and|but|with|later|now)|(third|3rd|fourth|4th|fifth|5th|sixth|6th|tenth|10th) (time|attempt|call|email|message) (i|we|asking|contacting|reaching)|(asked|told|contacted) (you )?(over and over|again and again|repeatedly))\b/i,
  },
  {
    signal: 'follow_up',
    priority: 'high',
    reason: 'Repeated follow-up: no answer yet',
    pattern:
      /\b(still (no|not had a|not got a|haven't had a|haven't got a|haven't received a|haven't heard|have not heard|not heard) (reply|response|answer|call back|callback|word|back)|(no one|nobody) (has )?(replied|responded|got back|gotten back|answered|called back|responds|replies|is responding|is replying|is answering)|(haven't|have not|not) heard (back )?from (you|anyone|anybody|my \w+) (in|for) (days|weeks|a week|\d+ days|\d+ weeks)|never (heard back|got back|got a reply|got a response|received a reply|received a response)|(keep|kept|been) ignoring (me|my|us|our))\b/i,
  },
];
