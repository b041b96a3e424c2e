import type { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documented } from '../../../shared/route-docs.js';
import { sendError } from '../../../shared/http-errors.js';
import type { ChannelContext } from '../channel.js';
import { ItemCheck } from '../delivery-items.js';
import { mentionFromActivity, messageActivity } from './botframework-activity.js';
import { createBotResponse, toBotRequest } from './fastify-bot-shim.js';

export interface BotFrameworkRoutesOptions {
  adapter: CloudAdapter;
  auth: ConfigurationBotFrameworkAuthentication;
  ctx: ChannelContext;
  authEnabled: boolean;
}

const activitySchema = {
  ...documented('Bot Framework: an activity from the connector (Teams, Web Chat, Emulator); a message is stored, answered later'),
  body: z.looseObject({ type: z.string().min(1), id: z.string().optional(), text: z.string().optional() }),
};

/**
 * /api/messages: the Bot Framework Connector (Teams, Web Chat, Emulator...) posts activities here.
 * The turn only stores the message (deduplicated) and answers 200 at once; the reply is sent later
 * from the outbox, proactively, to the kept conversation reference.
 */
export const botFrameworkRoutes: FastifyPluginAsyncZod<BotFrameworkRoutesOptions> = async (app, opts) => {
  const { adapter, ctx } = opts;

  app.post('/api/messages', { schema: activitySchema }, async (req, reply) => {
    if (opts.authEnabled) {
      // Checked before the adapter: it answers 500 for a token with a bad signature (a jsonwebtoken
      // error, not its AuthenticationError), and the channel would keep retrying a forgery.
      const refusal = await authenticate(opts.auth, req.body as unknown as Activity, req.headers.authorization);
      if (refusal) {
        ctx.log.warn({ ip: req.ip, reason: refusal.reason }, 'botframework: request refused');
        return sendError(reply, refusal.status, refusal.reason);
      }
    }
    if ((req.body as { type?: unknown }).type === 'message') {
      // A message the reply could not be built from is refused before the turn (a 500 from deep in
      // the adapter or the store before); the connector does not send a 4xx again.
      const check = new ItemCheck();
      const activity = check.parse(messageActivity, req.body, 0);
      if (activity === undefined) {
        check.log(ctx.log, 'botframework activity');
        return sendError(reply, 400, `not a usable message activity (${check.refused[0]!.problems.join('; ')})`);
      }
      // Without authentication anyone can post here, and the reply goes to the serviceUrl they name:
      // only a local one (the Emulator's), so the service is never made to post to another host.
      if (!opts.authEnabled && !isLoopback(activity.serviceUrl)) {
        ctx.log.warn({ ip: req.ip }, 'botframework: serviceUrl not local while authentication is off, refused');
        return sendError(reply, 400, 'without MICROSOFT_APP_ID only a local serviceUrl (the Emulator) is accepted');
      }
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
};

const isLoopback = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Validates the connector's token; undefined when it is good. Keys are cached by botbuilder. */
async function authenticate(
  auth: ConfigurationBotFrameworkAuthentication,
  activity: Activity,
  header: string | undefined,
): Promise<{ status: number; reason: string } | undefined> {
  if (!header) return { status: 401, reason: 'missing Bot Framework token' };
  try {
    await auth.authenticateRequest(activity, header);
    return undefined;
  } catch (err) {
    const e = err as { name?: string; statusCode?: number; message?: string };
    // The signing keys could not be fetched: our problem, worth a retry by the connector.
    if ((e.statusCode !== undefined && e.statusCode >= 500) || e.name === 'FetchError')
      return { status: 503, reason: 'cannot check the token now' };
    if (JWT_ERRORS.has(e.name ?? '') || e.statusCode === 401 || e.name === 'AuthenticationError')
      return { status: 401, reason: e.message ?? 'invalid token' };
    return { status: 401, reason: 'invalid token' };
  }
}
