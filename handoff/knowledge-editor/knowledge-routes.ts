import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TurnDecision } from '../../bot/turn/decide-turn.js';
import type { KnowledgeHistory, PublishResult } from '../../config/knowledge/knowledge-history.js';
import { UnknownVersionError } from '../../config/knowledge/knowledge-history.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import { KnowledgeError } from '../../config/knowledge/load-knowledge.js';
import { isEntryActive, type Knowledge } from '../../config/knowledge/schema.js';
import { TEXT_LIMIT } from '../../config/knowledge/yaml-limits.js';
import type { Understander } from '../../intents/understanding.js';
import { requireRole } from '../access/require-role.js';

export interface KnowledgeRouteOptions {
  knowledge: LiveKnowledge;
  history: KnowledgeHistory;
  /** The service's channel names: what a draft is previewed on and entries are active on. */
  channels: () => string[];
  /** What the bot would decide for a mention on a channel with this knowledge (the turn's own preview). */
  preview(knowledge: Knowledge, understander: Understander, mention: string, channel: string): Promise<TurnDecision>;
}

const guard = requireRole('editor');
const openapi = (summary: string) => ({ openapi: { summary, role: 'editor' } });

const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;
const finding = {
  type: 'object',
  properties: { level: { type: 'string', enum: ['error', 'warning'] }, message: { type: 'string' }, path: { type: 'string' }, line: { type: 'integer' }, column: { type: 'integer' } },
  required: ['message', 'line', 'column'],
} as const;
const findings = { type: 'array', items: finding } as const;
const checked = { type: 'object', properties: { ok: { type: 'boolean' }, errors: findings, warnings: findings } } as const;
const rejection = { type: 'object', properties: { error: { type: 'string' }, problems: findings }, required: ['error', 'problems'] } as const;
const summary = {
  type: 'object',
  properties: Object.fromEntries(['added', 'changed', 'removed', 'general'].map((k) => [k, { type: 'array', items: { type: 'string' } }])),
} as const;
const versionInfo = {
  type: 'object',
  properties: { version: { type: 'integer' }, sha256: { type: 'string' }, author: { type: 'string' }, at: { type: 'string' }, message: { type: 'string' }, summary },
} as const;
const status = {
  type: 'object',
  properties: {
    file: { type: 'string' },
    version: { type: 'integer', description: 'counts the versions this instance put live since it started' },
    sha256: { type: 'string' },
    loadedAt: { type: 'string' },
    entries: { type: 'integer' },
    warnings: findings,
    lastError: {
      type: 'object',
      properties: { at: { type: 'string' }, source: { type: 'string', enum: ['file', 'publish'] }, message: { type: 'string' }, problems: findings },
    },
  },
} as const;
const published = { type: 'object', properties: { version: versionInfo, status, unchanged: { type: 'boolean' } } } as const;
const textBody = (extra: Record<string, unknown> = {}, required: string[] = ['text']) =>
  ({ type: 'object', additionalProperties: false, required, properties: { text: { type: 'string', minLength: 1, maxLength: TEXT_LIMIT }, ...extra } }) as const;

const rejected = (reply: FastifyReply, err: KnowledgeError) => reply.code(422).send({ error: 'the knowledge file has errors: nothing was published', problems: err.problems });

/**
 * The knowledge editor's API (role editor): the live file and its entries, checks and previews of a
 * draft, publish, history and rollback. A publish goes through every check a reload does.
 */
export async function knowledgeRoutes(app: FastifyInstance, opts: KnowledgeRouteOptions) {
  const { knowledge, history } = opts;

  app.get(
    '/api/knowledge',
    {
      preHandler: guard,
      config: openapi('The live knowledge file: its text, version, status (last rejection with line and column) and entries, each active now or not'),
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              text: { type: 'string' },
              version: { anyOf: [versionInfo, { type: 'null' }] },
              status,
              channels: { type: 'array', items: { type: 'string' } },
              entries: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    kind: { type: 'string' },
                    title: { type: 'string' },
                    window: { type: ['object', 'null'], properties: { start: { type: 'string' }, end: { type: 'string' }, timezone: { type: 'string' } } },
                    channels: { type: ['array', 'null'], items: { type: 'string' } },
                    activeOn: { type: 'array', items: { type: 'string' } },
                    active: { type: 'boolean' },
                  },
                },
              },
            },
          },
        },
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
        entries: knowledge.current().entries.map((e) => {
          const activeOn = channels.filter((c) => isEntryActive(e, c, now));
          return { id: e.id, kind: e.kind, title: e.title, window: e.window ?? null, channels: e.channels ?? null, activeOn, active: activeOn.length > 0 };
        }),
      };
    },
  );

  app.post<{ Body: { text: string } }>(
    '/api/knowledge/check',
    {
      preHandler: guard,
      bodyLimit: TEXT_LIMIT * 2,
      config: openapi('Every check a publish runs (schema, lengths, variables, test cases), on a draft: problems and warnings with line and column (422 when the text is not readable YAML); nothing goes live'),
      schema: { body: textBody(), response: { 200: checked, 422: checked } },
    },
    async (request, reply) => {
      const all = await knowledge.check(request.body.text);
      const errors = all.filter((f) => f.level === 'error');
      // Text the YAML parser refuses is no knowledge file at all: 422, like preview and publish.
      if (errors.some((f) => f.unreadable)) reply.code(422);
      return { ok: errors.length === 0, errors, warnings: all.filter((f) => f.level === 'warning') };
    },
  );

  app.post<{ Body: { text?: string; mention: string; channel: string } }>(
    '/api/knowledge/preview',
    {
      preHandler: guard,
      bodyLimit: TEXT_LIMIT * 2,
      config: openapi('What the bot would do with a mention on a channel, and why: with the draft given, else the live file'),
      schema: {
        body: {
          ...textBody({ mention: { type: 'string', minLength: 1, maxLength: 10_000 }, channel: { type: 'string', minLength: 1, maxLength: 50 } }, ['mention', 'channel']),
        },
        response: {
          200: {
            type: 'object',
            properties: {
              decision: { type: 'string', enum: ['answered', 'handed_off', 'ignored', 'routed', 'no_reply'] },
              reason: { type: 'string' },
              why: { type: 'string' },
              entryId: { type: 'string' },
              reply: { type: 'object', properties: { text: { type: 'string' }, kind: { type: 'string' } } },
              understanding: { type: 'object', additionalProperties: true },
            },
          },
          400: error,
          422: rejection,
        },
      },
    },
    async (request, reply) => {
      const { text, mention, channel } = request.body;
      if (!opts.channels().includes(channel)) return reply.code(400).send({ error: `no channel "${channel}" here (channels: ${opts.channels().join(', ')})` });
      try {
        const d = await knowledge.withDraft(text, (k, understander) => opts.preview(k, understander, mention, channel));
        const u = d.understanding;
        const why =
          d.status === 'answered'
            ? `answers with "${d.entryId}": the mention was understood as this entry${u ? ` (confidence ${u.confidence.toFixed(2)})` : ''} and it is active on ${channel}`
            : `acknowledges and hands off to a person: ${u?.handoffReason ?? d.reason}${u ? ` (best guess ${u.intent}, confidence ${u.confidence.toFixed(2)})` : ''}`;
        return { decision: d.status, reason: d.reason, why, ...(d.entryId ? { entryId: d.entryId } : {}), ...(d.reply ? { reply: d.reply } : {}), ...(u ? { understanding: u } : {}) };
      } catch (err) {
        if (err instanceof KnowledgeError) return rejected(reply, err);
        throw err;
      }
    },
  );

  const publishing = async (reply: FastifyReply, log: FastifyInstance['log'], run: () => Promise<PublishResult>) => {
    try {
      const result = await run();
      log.info({ version: result.version.version, author: result.version.author, summary: result.version.summary, unchanged: result.unchanged }, 'knowledge published');
      return result;
    } catch (err) {
      if (err instanceof KnowledgeError) {
        log.warn({ problems: err.problems }, 'knowledge publish rejected, the previous version stays live');
        return rejected(reply, err);
      }
      if (err instanceof UnknownVersionError) return reply.code(404).send({ error: err.message });
      log.error({ err }, 'knowledge publish failed');
      return reply.code(500).send({ error: `not published: ${(err as Error).message}` });
    }
  };

  app.post<{ Body: { text: string; message?: string } }>(
    '/api/knowledge/publish',
    {
      preHandler: guard,
      bodyLimit: TEXT_LIMIT * 2,
      config: openapi('Checks the text like any reload and, if it passes, puts it live at once, writes the file and records a new version; else 422 with the problems'),
      schema: { body: textBody({ message: { type: 'string', maxLength: 500 } }), response: { 200: published, 422: rejection, 500: error } },
    },
    async (request, reply) => publishing(reply, request.log, () => history.publish(request.body.text, request.user!.name, request.body.message ?? '')),
  );

  app.get(
    '/api/knowledge/history',
    {
      preHandler: guard,
      config: openapi('Every version that went live, newest first: who, when, message and which entries it added, changed or removed'),
      schema: { response: { 200: { type: 'object', properties: { versions: { type: 'array', items: versionInfo } } } } },
    },
    async () => ({ versions: await history.list() }),
  );

  // Path parameters arrive as text (the app does not coerce types).
  const versionParams = { type: 'object', required: ['version'], properties: { version: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } } } as const;

  app.get<{ Params: { version: string } }>(
    '/api/knowledge/history/:version',
    {
      preHandler: guard,
      config: openapi('One version with its text'),
      schema: {
        params: versionParams,
        response: { 200: { type: 'object', properties: { version: { ...versionInfo, properties: { ...versionInfo.properties, text: { type: 'string' } } } } }, 404: error },
      },
    },
    async (request, reply) => {
      const version = await history.get(Number(request.params.version));
      return version ? { version } : reply.code(404).send({ error: `no version ${request.params.version} in the history` });
    },
  );

  app.post<{ Body: { version: number } }>(
    '/api/knowledge/rollback',
    {
      preHandler: guard,
      config: openapi('Publishes an older version again (checked like any publish), recorded as a new version "rollback to N"'),
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } },
        response: { 200: published, 404: error, 422: rejection, 500: error },
      },
    },
    async (request, reply) => publishing(reply, request.log, () => history.rollback(request.body.version, request.user!.name)),
  );
}
