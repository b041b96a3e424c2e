import { z } from 'zod';

/** An entry id as the knowledge file's schema allows them, bounded. */
export const entryIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/)
  .describe("a knowledge entry's id");

/** What the service's composer returns (bot/turn/suggest-replies.ts). */
export interface SuggestedReplies {
  suggestions: { entryId: string; title: string; reply: string; confidence: number }[];
  entries: { entryId: string; title: string; reply: string }[];
}

const entryReply = z.object({
  entryId: z.string(),
  title: z.string(),
  reply: z.string().describe('the text as the bot would post it: the tone around the script, variables filled'),
  parts: z.array(z.string()).describe("the posts it makes on the thread's channel, split to the channel's limit"),
});

export const suggestionsSchema = z.object({
  mentionId: z.number().nullable().describe('the customer post suggested for; null when the thread has none'),
  botWhy: z
    .string()
    .nullable()
    .describe(
      'why the bot handed the post to a person instead of answering it, as decided when it came in; null when the bot answered it or was not asked',
    ),
  suggestions: z.array(entryReply.extend({ confidence: z.number() })),
  entries: z.array(entryReply),
});
