import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { previewMention } from '../turn/preview-turn.js';
import { loadSettings } from '../../config/settings.js';
import { loadUnderstander } from './load-understander.js';
import { whyNoAnswer } from '../../intents/why-no-answer.js';
import type { TurnDecision } from '../turn/decide-turn.js';

/**
 * `first-reply try <file> "<mention text>" [--channel x] [--at TIME]`: what the bot would do, and why;
 * at TIME (ISO 8601), so a campaign that starts tomorrow, or an incident's window, can be tried today.
 */
export async function tryCommand(
  file: string,
  text: string,
  channel = 'sandbox',
  out: NodeJS.WritableStream = process.stdout,
  at?: string,
): Promise<number> {
  const when = at === undefined ? new Date() : new Date(at);
  if (Number.isNaN(when.getTime())) {
    process.stderr.write(`--at ${JSON.stringify(at)} is no time: give one as 2026-11-27T09:00:00Z\n`);
    return 2;
  }
  const knowledge = await loadKnowledgeFile(file);
  const understander = await loadUnderstander();
  await understander.train(knowledge.entries);
  const settings = loadSettings();
  // As the service decides: its brand handles, and thanks, spam and noise as no_reply when it does.
  const d = await previewMention(
    understander,
    knowledge,
    { text, at: when },
    { channel, brandHandles: settings.BRAND_HANDLES, noReply: settings.NO_REPLY_DECISIONS, courtesyWords: settings.COURTESY_MAX_WORDS },
  );
  const u = d.understanding;
  out.write(`mention   ${JSON.stringify(text)} on ${channel}${at === undefined ? '' : ` at ${when.toISOString()}`}\n`);
  out.write(`decision  ${decisionLine(d)} (${d.reason})\n`);
  if (u) {
    out.write(`language  ${u.language ?? 'too short to tell'}\n`);
    out.write(
      `intent    ${u.intent}  confidence ${u.confidence.toFixed(2)}${u.sentiment ? `  sentiment ${u.sentiment}` : ''}${u.complaint ? '  complaint' : ''}${u.urgency?.length ? `  urgency ${u.urgency.join(',')}` : ''}${u.priority ? `  priority ${u.priority}` : ''}\n`,
    );
    const why = d.status === 'answered' || d.status === 'no_reply' ? undefined : whyNoAnswer(u);
    if (why) out.write(`why       ${why}\n`);
    const top = Object.entries(u.scores ?? {}).slice(0, 12);
    if (top.length) out.write(`scores    ${top.map(([k, v]) => `${k}=${v.toFixed(2)}`).join('  ')}\n`);
  }
  if (d.reply) out.write(`reply     ${d.reply.text}\n`);
  return 0;
}

function decisionLine(d: TurnDecision): string {
  if (d.status === 'answered') return `answer with "${d.entryId}"`;
  if (d.status === 'no_reply')
    return d.reply ? 'no reply needed: the courtesy reply, no person' : 'no reply needed: nothing posted, no person';
  if (d.status === 'ignored') return 'ignored: never answered';
  return 'acknowledge and hand off to a person';
}
