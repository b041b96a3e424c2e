import type { Activity, CloudAdapter } from 'botbuilder';
import type { FastifyInstance } from 'fastify';
import type { ChannelContext } from '../channel.js';
import { mentionFromActivity } from './botframework-activity.js';
import { createBotResponse, toBotRequest } from './fastify-bot-shim.js';

export interface BotFrameworkRoutesOptions {
  adapter: CloudAdapter;
  ctx: ChannelContext;
  authEnabled: boolean;
}

const activitySchema = {
  body: {
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string', minLength: 1 }, id: { type: 'string' }, text: { type: 'string' } },
  },
} as const;

/**
 * /api/messages: the Bot Framework Connector (Teams, Web Chat, Emulator...) posts activities here.
 * The turn only stores the message (deduplicated) and answers 200 at once; the reply is sent later
 * from the outbox, proactively, to the kept conversation reference.
 */
export async function botFrameworkRoutes(app: FastifyInstance, opts: BotFrameworkRoutesOptions) {
  const { adapter, ctx } = opts;

  app.post('/api/messages', { schema: activitySchema }, async (req, reply) => {
    // Refused here, before the adapter, which would also print the error to the console.
    if (opts.authEnabled && !req.headers.authorization) {
      return reply.code(401).send({ error: 'Unauthorized', message: 'missing Bot Framework token' });
    }
    const { res, flush } = createBotResponse(reply);
    await adapter.process(toBotRequest(req), res, async (turn) => {
      const mention = mentionFromActivity(turn.activity as Activity);
      if (!mention) return;
      const result = await ctx.accept(mention);
      if (result.duplicate) ctx.log.debug({ platformId: mention.platformId }, 'botframework: activity delivered again');
    });
    return flush();
  });
}
