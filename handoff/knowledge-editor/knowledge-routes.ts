import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import {
  type ChannelLimit,
  checked,
  liveFile,
  previewBody,
  previewed,
  publishBody,
  published,
  rejection,
  textBody,
  versionInfo,
  versionParams,
} from './knowledge-schemas.js';
import type { KnowledgeHistory, PublishResult } from '../../config/knowledge/knowledge-history.js';
import { StaleBaseError, UnknownVersionError } from '../../config/knowledge/knowledge-history.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import { KnowledgeError } from '../../config/knowledge/load-knowledge.js';
import { isEntryActive, type Knowledge } from '../../config/knowledge/schema.js';
import { TEXT_LIMIT } from '../../config/knowledge/yaml-limits.js';
import { z } from 'zod';
import type { Understander } from '../../intents/understanding.js';
import { requireRole } from '../access/require-role.js';
import { diffRefusal, knowledgeDiffRoute } from './knowledge-diff-route.js';
import { previewWhy, type PreviewDecision } from './preview-why.js';

export type { PreviewDecision };

export interface KnowledgeRouteOptions {
  knowledge: LiveKnowledge;
  history: KnowledgeHistory;
  /** The service's channel names: what a draft is previewed on and entries are active on. */
  channels: () => string[];
  /** Each channel's post limit as the page counts it (the form previews replies against it). */
  limits?: () => Record<string, ChannelLimit>;
  /** What the bot would decide for a mention on a channel with this knowledge (the turn's own preview). */
  preview(knowledge: Knowledge, understander: Understander, mention: string, channel: string): Promise<PreviewDecision>;
}

const guard = requireRole('editor');
const editor = (summary: string) => documented(summary, 'editor');
const draftLimit = TEXT_LIMIT * 2;

const rejected = (reply: FastifyReply, err: KnowledgeError) =>
  sendError(reply, 422, 'the knowledge file has errors: nothing was published', { problems: err.problems });

/**
 * The knowledge editor's API (role editor): the live file and its entries, checks and previews of a
 * draft, publish, history and rollback. A publish goes through every check a reload does.
 */
export const knowledgeRoutes: FastifyPluginAsyncZod<KnowledgeRouteOptions> = async (app, opts) => {
  const { knowledge, history } = opts;

  app.get(
    '/api/knowledge',
    {
      preHandler: guard,
      schema: {
        ...editor(
          'The live knowledge file: its text, version, status (last rejection with line and column) and entries, each active now or not',
        ),
        response: { 200: liveFile, ...guardedResponses },
      },
    },
    async () => {
      const now = new Date();
      const channels = opts.channels();
      const s = knowledge.status();
      return {
        text: knowledge.text(),
        version: (await history.versionOf(s.sha256)) ?? null,
        status: s,
        channels,
        timezone: knowledge.current().timezone ?? 'UTC',
        limits: opts.limits?.() ?? {},
        entries: knowledge.current().entries.map((e) => {
          const activeOn = channels.filter((c) => isEntryActive(e, c, now));
          return {
            id: e.id,
            kind: e.kind,
            title: e.title,
            window: e.window ?? null,
            channels: e.channels ?? null,
            activeOn,
            active: activeOn.length > 0,
          };
        }),
      };
    },
  );

  app.post(
    '/api/knowledge/check',
    {
      preHandler: guard,
      bodyLimit: draftLimit,
      schema: {
        ...editor(
          'Every check a publish runs (schema, lengths, variables, test cases), on a draft: problems and warnings with line and column (422 when the text is not readable YAML); nothing goes live',
        ),
        body: textBody,
        response: { 200: checked, 422: checked, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const all = await knowledge.check(request.body.text);
      const errors = all.filter((f) => f.level === 'error');
      // Text the YAML parser refuses is no knowledge file at all: 422, like preview and publish.
      if (errors.some((f) => f.unreadable)) reply.code(422);
      return { ok: errors.length === 0, errors, warnings: all.filter((f) => f.level === 'warning') };
    },
  );

  app.post(
    '/api/knowledge/preview',
    {
      preHandler: guard,
      bodyLimit: draftLimit,
      schema: {
        ...editor('What the bot would do with a mention on a channel, and why: with the draft given, else the live file'),
        body: previewBody,
        response: { 200: previewed, 422: rejection, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { text, mention, channel } = request.body;
      if (!opts.channels().includes(channel))
        return sendError(reply, 400, `no channel "${channel}" here (channels: ${opts.channels().join(', ')})`);
      try {
        const d = await knowledge.withDraft(text, (k, understander) => opts.preview(k, understander, mention, channel));
        const u = d.understanding;
        return {
          decision: d.status,
          reason: d.reason,
          why: previewWhy(d, channel),
          ...(d.entryId ? { entryId: d.entryId } : {}),
          ...(d.reply ? { reply: d.reply } : {}),
          ...(u ? { understanding: u } : {}),
          ...(d.language ? { language: d.language } : {}),
          ...(d.languageNote ? { languageNote: d.languageNote } : {}),
        };
      } catch (err) {
        if (err instanceof KnowledgeError) return rejected(reply, err);
        throw err;
      }
    },
  );

  const publishing = async (reply: FastifyReply, log: FastifyInstance['log'], run: () => Promise<PublishResult>) => {
    try {
      const result = await run();
      log.info(
        { version: result.version.version, author: result.version.author, summary: result.version.summary, unchanged: result.unchanged },
        'knowledge published',
      );
      return result;
    } catch (err) {
      if (err instanceof KnowledgeError) {
        log.warn({ problems: err.problems }, 'knowledge publish rejected, the previous version stays live');
        return rejected(reply, err);
      }
      if (err instanceof UnknownVersionError) return sendError(reply, 404, err.message);
      if (err instanceof StaleBaseError) return sendError(reply, 409, err.message);
      log.error({ err }, 'knowledge publish failed');
      return sendError(reply, 500, `not published: ${(err as Error).message}`);
    }
  };

  app.post(
    '/api/knowledge/publish',
    {
      preHandler: guard,
      bodyLimit: draftLimit,
      schema: {
        ...editor(
          'Checks the text like any reload and, if it passes, puts it live at once, writes the file and records a new version; else 422 with the problems; 409 unless it carries the "shown" of its diff against the live text',
        ),
        body: publishBody,
        response: { 200: published, 422: rejection, ...errorResponses(400, 409, 500), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const unseen = diffRefusal(request.body.text, request.body.shown, knowledge);
      if (unseen) return sendError(reply, 409, unseen);
      return publishing(reply, request.log, () =>
        history.publish(request.body.text, request.user!.name, request.body.message ?? '', request.body.shown?.base),
      );
    },
  );

  await app.register(knowledgeDiffRoute, { knowledge, history });

  app.get(
    '/api/knowledge/history',
    {
      preHandler: guard,
      schema: {
        ...editor('Every version that went live, newest first: who, when, message and which entries it added, changed or removed'),
        response: { 200: z.object({ versions: z.array(versionInfo) }), ...guardedResponses },
      },
    },
    async () => ({ versions: await history.list() }),
  );

  app.get(
    '/api/knowledge/history/:version',
    {
      preHandler: guard,
      schema: {
        ...editor('One version with its text'),
        params: versionParams,
        response: {
          200: z.object({ version: versionInfo.extend({ text: z.string() }) }),
          ...errorResponses(400, 404),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      const version = await history.get(Number(request.params.version));
      return version ? { version } : sendError(reply, 404, `no version ${request.params.version} in the history`);
    },
  );

  app.post(
    '/api/knowledge/rollback',
    {
      preHandler: guard,
      schema: {
        ...editor('Publishes an older version again (checked like any publish), recorded as a new version "rollback to N"'),
        body: z.strictObject({ version: z.number().int().min(1) }),
        response: { 200: published, 422: rejection, ...errorResponses(400, 404, 500), ...guardedResponses },
      },
    },
    async (request, reply) => publishing(reply, request.log, () => history.rollback(request.body.version, request.user!.name)),
  );
};
