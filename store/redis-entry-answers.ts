import { entryAnswersFrom, type DecidedMention, type EntryAnswers } from './entry-answers.js';
import { COMMON } from './redis-scripts-common.js';
import type { scriptRunner } from './redis-script-runner.js';
import { LISTED_TEXT_CHARS } from './step-budget.js';

/** Mention ids read per script call: one short step on the server. */
const PAGE = 500;

/**
 * ARGV: prefix, status, before id (exclusive), page size, bytes of text at most. Reads the mentions
 * with ids just below `before`, newest first (ids are given in order of receipt). Returns {lowest id
 * read, oldest receipt time read or '', rows of that status: {id, channel, thread id, author, text
 * cut on a whole UTF-8 character, received at, decided at, the decision's entryId or ''}}.
 */
const SCAN_DECIDED = `${COMMON}
local status, size, headBytes = ARGV[2], tonumber(ARGV[4]), tonumber(ARGV[5])
local top = math.min(tonumber(ARGV[3]) - 1, tonumber(redis.call('GET', P .. 'seq:mention') or '0'))
local low = math.max(top - size + 1, 1)
local oldest = ''
local rows = {}
for id = top, low, -1 do
  local f = redis.call('HMGET', P .. 'mention:' .. id, 'status', 'received_at', 'decided_at', 'channel', 'thread_id', 'author', 'text', 'decision')
  if f[2] then oldest = f[2] end
  if f[1] == status then
    local text = f[7] or ''
    if #text > headBytes then
      local cut = headBytes
      while cut > 0 and string.byte(text, cut + 1) >= 128 and string.byte(text, cut + 1) < 192 do cut = cut - 1 end
      text = string.sub(text, 1, cut)
    end
    local ok, d = pcall(cjson.decode, f[8] or '')
    local entry = ok and type(d) == 'table' and type(d.entryId) == 'string' and d.entryId or ''
    rows[#rows + 1] = { tostring(id), f[4] or '', f[5] or '', f[6] or '', text, f[2] or '0', f[3] or '', entry }
  end
end
if top < 1 then low = 1 end
return { tostring(low), oldest, rows }
`;

/** The knowledge editor's reads of decisions on Redis: mention hashes by id, newest first, in script pages. */
export function createRedisEntryAnswers(run: ReturnType<typeof scriptRunner>, prefix: string): EntryAnswers {
  return entryAnswersFrom(async (status, before) => {
    const [low, oldest, rows] = (await run(SCAN_DECIDED, [prefix, status, before, PAGE, LISTED_TEXT_CHARS * 4 + 4])) as [
      string,
      string,
      string[][],
    ];
    const lowest = Number(low);
    const top = Math.min(before - 1, Number.MAX_SAFE_INTEGER);
    return {
      rows: rows.map(
        ([id, channel, threadId, author, text, receivedAt, decidedAt, entryId]): DecidedMention => ({
          id: Number(id),
          channel: channel!,
          threadId: threadId!,
          author: author!,
          // Cut on bytes in the script; at most LISTED_TEXT_CHARS characters here, as the SQLite listing.
          text: [...text!].slice(0, LISTED_TEXT_CHARS).join(''),
          receivedAt: Number(receivedAt),
          decidedAt: decidedAt ? Number(decidedAt) : Number(receivedAt),
          ...(entryId ? { entryId } : {}),
        }),
      ),
      nextBefore: lowest <= 1 ? 0 : lowest,
      oldestReceivedAt: oldest ? Number(oldest) : undefined,
      scanned: Math.max(0, Math.min(PAGE, top - lowest + 1)),
    };
  });
}
