import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../../shared/route-docs.js';
import { errorResponses, sendError } from '../../../shared/http-errors.js';
import { countGraphemes } from '../../../shared/graphemes.js';
import { SANDBOX_TEXT_LIMIT } from '../../../config/settings.js';
import type { ChannelContext } from '../channel.js';
import { isVisibleName } from '../handles.js';
import { SandboxError, type SandboxPlatform } from './sandbox-platform.js';

const postSchema = {
  ...documented('Sandbox: post a mention as a customer (202 once it is stored in the inbox)'),
  body: z.strictObject({
    author: z.string().min(1).max(100),
    text: z.string().min(1).max(SANDBOX_TEXT_LIMIT),
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._:-]+$/)
      .optional()
      .describe('a post id of your choice: posting the same id again is a re-delivery'),
    inReplyTo: z.string().min(1).max(100).optional().describe('reply to an existing post (and so join its thread)'),
  }),
  response: {
    202: z.object({ mentionId: z.number(), duplicate: z.boolean(), postId: z.string(), threadId: z.string() }),
    ...errorResponses(400),
  },
};

const post = z
  .object({
    id: z.string(),
    threadId: z.string(),
    author: z.string(),
    text: z.string(),
    inReplyTo: z.string().nullable(),
    fromBrand: z.boolean(),
  })
  .loose();
const threadSchema = {
  ...documented("Sandbox: one thread, its posts and the brand's replies"),
  params: z.object({ threadId: z.string() }),
  response: { 200: z.object({ threadId: z.string(), posts: z.array(post) }), ...errorResponses(404) },
};

/** Routes of the sandbox platform: post a mention, read a thread. */
export const sandboxRoutes: FastifyPluginAsyncZod<{
  platform: SandboxPlatform;
  ctx: ChannelContext;
  brandHandle: string;
  maxLength: number;
}> = async (app, opts) => {
  const { platform, ctx } = opts;

  app.post('/sandbox/mentions', { schema: postSchema }, async (req, reply) => {
    // The author is shown in the console and may be repeated in the public reply.
    if (!isVisibleName(req.body.author)) {
      return sendError(
        reply,
        400,
        'author must be a handle or a name of at most 64 visible characters (no control, bidi or invisible characters)',
      );
    }
    // The sandbox's own post limit (SANDBOX_MAX_LENGTH), counted as the replies are: in characters as people see them.
    const length = countGraphemes(req.body.text);
    if (length > opts.maxLength) {
      return sendError(
        reply,
        400,
        `text is ${length} characters: the sandbox takes posts of at most ${opts.maxLength} (SANDBOX_MAX_LENGTH)`,
      );
    }
    let published;
    try {
      published = platform.publish({
        author: req.body.author,
        text: req.body.text,
        ...(req.body.id ? { id: req.body.id } : {}),
        ...(req.body.inReplyTo ? { inReplyTo: req.body.inReplyTo } : {}),
      });
    } catch (err) {
      if (err instanceof SandboxError) return sendError(reply, 400, err.message);
      throw err;
    }
    const { post } = published;
    // Stored in the inbox before we answer: a 202 means the mention will be answered.
    const accepted = await ctx.accept({
      channel: 'sandbox',
      platformId: post.id,
      threadId: post.threadId,
      author: post.author,
      text: post.text,
      createdAt: post.createdAt,
      permalink: `/sandbox/threads/${encodeURIComponent(post.threadId)}#${encodeURIComponent(post.id)}`,
    });
    return reply.code(202).send({ mentionId: accepted.mentionId, duplicate: accepted.duplicate, postId: post.id, threadId: post.threadId });
  });

  app.get('/sandbox/threads/:threadId', { schema: threadSchema }, async (req, reply) => {
    const posts = platform.thread(req.params.threadId);
    if (posts.length === 0) return sendError(reply, 404, `no sandbox thread ${req.params.threadId}`);
    return {
      threadId: req.params.threadId,
      posts: posts.map((p) => ({ ...p, fromBrand: p.author === opts.brandHandle })),
    };
  });
};
