import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { diffKnowledge } from '../../config/knowledge/knowledge-diff.js';
import type { KnowledgeHistory } from '../../config/knowledge/knowledge-history.js';
import { sha256 } from '../../config/knowledge/live-knowledge.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import { KnowledgeError, readKnowledgeYaml } from '../../config/knowledge/load-knowledge.js';
import { TEXT_LIMIT } from '../../config/knowledge/yaml-limits.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { requireRole } from '../access/require-role.js';
import { checked, shownDiff } from './knowledge-schemas.js';

const fieldChange = z.object({ field: z.string(), before: z.string().optional(), after: z.string().optional() });
const diffAnswer = z.object({
  shown: shownDiff,
  baseVersion: z.number().int().nullable(),
  entries: z.array(z.object({ id: z.string(), change: z.enum(['added', 'changed', 'removed']), fields: z.array(fieldChange) })),
  general: z.array(fieldChange),
  check: checked,
});

/**
 * Why a publish of `text` is refused for want of a diff, or undefined when it may go ahead: the
 * publish must carry the sha256 of this very text and of the live text its diff was computed on,
 * so nothing goes live that its editor did not see compared with what is live now. A text that is
 * no knowledge file is let through: the publish refuses it with its problems (422) anyway.
 */
export function diffRefusal(text: string, shown: z.infer<typeof shownDiff> | undefined, live: LiveKnowledge): string | undefined {
  try {
    readKnowledgeYaml(text);
  } catch (err) {
    if (err instanceof KnowledgeError) return undefined;
    throw err;
  }
  if (!shown) return 'look at the diff before publishing: POST /api/knowledge/diff with this text, then publish with its "shown"';
  if (shown.draft !== sha256(text)) return 'the text changed since its diff was shown: look at the diff again';
  if (shown.base !== live.status().sha256) return 'another version went live since the diff was shown: look at the diff again';
  return undefined;
}

/** POST /api/knowledge/diff: what publishing a draft changes against the live file, with the check's results. */
export const knowledgeDiffRoute: FastifyPluginAsyncZod<{ knowledge: LiveKnowledge; history: KnowledgeHistory }> = async (app, opts) => {
  app.post(
    '/api/knowledge/diff',
    {
      preHandler: requireRole('editor'),
      bodyLimit: TEXT_LIMIT * 2,
      schema: {
        ...documented(
          'What publishing the draft would change, entry by entry (added, changed fields, removed), with every check a publish runs; its "shown" goes with the publish',
          'editor',
        ),
        body: z.strictObject({ text: z.string().min(1).max(TEXT_LIMIT) }),
        response: { 200: diffAnswer, 422: checked, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request, reply) => {
      const { text } = request.body;
      const liveText = opts.knowledge.text();
      const base = sha256(liveText);
      const findings = await opts.knowledge.check(text);
      const errors = findings.filter((f) => f.level === 'error');
      const check = { ok: errors.length === 0, errors, warnings: findings.filter((f) => f.level === 'warning') };
      if (errors.some((f) => f.unreadable)) return reply.code(422).send(check);
      let diff: ReturnType<typeof diffKnowledge>;
      try {
        diff = diffKnowledge(liveText, text);
      } catch (err) {
        if (err instanceof KnowledgeError) return sendError(reply, 400, err.problems[0]?.message ?? 'unreadable');
        throw err;
      }
      const version = await opts.history.versionOf(base);
      return { shown: { draft: sha256(text), base }, baseVersion: version?.version ?? null, ...diff, check };
    },
  );
};
