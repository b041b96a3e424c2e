import { loadKnowledgeFile } from '../../config/knowledge/load-knowledge.js';
import { previewTurn } from '../turn/preview-turn.js';
import { loadUnderstander } from './load-understander.js';
import { whyNoAnswer } from '../../intents/why-no-answer.js';

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
  const d = await previewTurn(understander, knowledge, text, channel, when);
  const u = d.understanding;
  out.write(`mention   ${JSON.stringify(text)} on ${channel}${at === undefined ? '' : ` at ${when.toISOString()}`}\n`);
  out.write(`decision  ${d.status === 'answered' ? `answer with "${d.entryId}"` : 'acknowledge and hand off to a person'} (${d.reason})\n`);
  if (u) {
    out.write(`language  ${u.language ?? 'too short to tell'}\n`);
    out.write(
      `intent    ${u.intent}  confidence ${u.confidence.toFixed(2)}${u.sentiment ? `  sentiment ${u.sentiment}` : ''}${u.complaint ? '  complaint' : ''}${u.urgency?.length ? `  urgency ${u.urgency.join(',')}` : ''}${u.priority ? `  priority ${u.priority}` : ''}\n`,
    );
    const why = d.status === 'answered' ? undefined : whyNoAnswer(u);
    if (why) out.write(`why       ${why}\n`);
    const top = Object.entries(u.scores ?? {}).slice(0, 12);
    if (top.length) out.write(`scores    ${top.map(([k, v]) => `${k}=${v.toFixed(2)}`).join('  ')}\n`);
  }
  if (d.reply) out.write(`reply     ${d.reply.text}\n`);
  return 0;
}
