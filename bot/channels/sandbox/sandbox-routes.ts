import type { FastifyInstance } from 'fastify';
import { countGraphemes } from '../../../shared/graphemes.js';
import type { ChannelContext } from '../channel.js';
import { isVisibleName } from '../handles.js';
import { SandboxError, type SandboxPlatform } from './sandbox-platform.js';

interface MentionBody {
  author: string;
  text: string;
  /** Optional post id chosen by the caller: posting the same id again is a re-delivery. */
  id?: string;
  /** Reply to an existing post (and so join its thread). */
  inReplyTo?: string;
}

const postSchema = {
  body: {
    type: 'object',
    required: ['author', 'text'],
    additionalProperties: false,
    properties: {
      author: { type: 'string', minLength: 1, maxLength: 100 },
      text: { type: 'string', minLength: 1, maxLength: 10_000 },
      id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' },
      inReplyTo: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
} as const;

/** Routes of the sandbox platform: post a mention, read a thread. */
export async function sandboxRoutes(app: FastifyInstance, opts: { platform: SandboxPlatform; ctx: ChannelContext; brandHandle: string; maxLength: number }) {
  const { platform, ctx } = opts;

  app.post<{ Body: MentionBody }>('/sandbox/mentions', { schema: postSchema }, async (req, reply) => {
    // The author is shown in the console and may be repeated in the public reply.
    if (!isVisibleName(req.body.author)) {
      return reply.code(400).send({ error: 'Bad Request', message: 'author must be a handle or a name of at most 64 visible characters (no control, bidi or invisible characters)' });
    }
    // The sandbox's own post limit (SANDBOX_MAX_LENGTH), counted as the replies are: in characters as people see them.
    const length = countGraphemes(req.body.text);
    if (length > opts.maxLength) {
      return reply.code(400).send({ error: 'Bad Request', message: `text is ${length} characters: the sandbox takes posts of at most ${opts.maxLength} (SANDBOX_MAX_LENGTH)` });
    }
    let published;
    try {
      published = platform.publish({ author: req.body.author, text: req.body.text, ...(req.body.id ? { id: req.body.id } : {}), ...(req.body.inReplyTo ? { inReplyTo: req.body.inReplyTo } : {}) });
    } catch (err) {
      if (err instanceof SandboxError) return reply.code(400).send({ error: 'Bad Request', message: err.message });
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

  app.get<{ Params: { threadId: string } }>('/sandbox/threads/:threadId', async (req, reply) => {
    const posts = platform.thread(req.params.threadId);
    if (posts.length === 0) return reply.code(404).send({ error: 'Not Found', message: `no sandbox thread ${req.params.threadId}` });
    return {
      threadId: req.params.threadId,
      posts: posts.map((p) => ({ ...p, fromBrand: p.author === opts.brandHandle })),
    };
  });
}
