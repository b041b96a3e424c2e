import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type KnowledgeHistory, StaleBaseError } from '../../config/knowledge/knowledge-history.js';
import type { LiveKnowledge } from '../../config/knowledge/live-knowledge.js';
import { KnowledgeError } from '../../config/knowledge/load-knowledge.js';
import { errorResponses, sendError } from '../../shared/http-errors.js';
import { documented, guardedResponses } from '../../shared/route-docs.js';
import { stripPersonal } from '../../shared/strip-personal.js';
import type { Understander } from '../../intents/understanding.js';
import type { LearnedExamples } from '../../store/learned-examples.js';
import { requireRole } from '../access/require-role.js';
import { DraftEditError } from '../knowledge-editor/incident-draft.js';
import { published, rejection } from '../knowledge-editor/knowledge-schemas.js';
import { addExamples } from './add-examples.js';
import { checkCandidate } from './candidate-check.js';
import { acceptBody, candidatesSchema, rejectBody, settledSchema } from './candidate-schemas.js';

export interface CandidateRouteOptions {
  knowledge: LiveKnowledge;
  history: KnowledgeHistory;
  learned: LearnedExamples;
  /** The live understander: each candidate example is read by it for the review's warnings. */
  understander: Understander;
  now: () => number;
}

const guard = requireRole('editor');
/** Pending candidates listed at most. */
const LISTED = 500;

/**
 * Editors' review of what the agents' replies taught (issue 19): the pending candidates, accepted
 * into the knowledge file through the usual checked publish (a new version, "learned examples") or
 * rejected. Nothing reaches the live model without an editor and the checks.
 */
export const candidateRoutes: FastifyPluginAsyncZod<CandidateRouteOptions> = async (app, opts) => {
  const { knowledge, history, learned } = opts;

  app.get(
    '/api/knowledge/candidates',
    {
      preHandler: guard,
      schema: {
        ...documented('Candidate examples and negative examples learned from agents, pending review, oldest first', 'editor'),
        response: { 200: candidatesSchema, ...guardedResponses },
      },
    },
    async () => {
      const titles = new Map(knowledge.current().entries.map((e) => [e.id, e.title]));
      const pending = await learned.pendingCandidates(LISTED);
      const candidates = [];
      for (const c of pending) {
        const text = stripPersonal(c.text);
        // What accepting it would teach the live model (candidate-check.ts); none for a negative
        // example (a look-alike on purpose) or an entry the file no longer has.
        const warnings =
          c.kind === 'example' && titles.has(c.entryId)
            ? await checkCandidate(opts.understander, { id: c.entryId }, text, c.channel, new Date(c.at))
            : [];
        candidates.push({
          id: c.id,
          entryId: c.entryId,
          title: titles.get(c.entryId) ?? null,
          kind: c.kind,
          text,
          agent: c.agent,
          at: c.at,
          warnings,
        });
      }
      return { candidates };
    },
  );

  app.post(
    '/api/knowledge/candidates/accept',
    {
      preHandler: guard,
      schema: {
        ...documented(
          'Adds candidates to their entries\' examples (or negative examples) and publishes the live text with them, with every check of a publish: a new version by the editor, "learned examples"',
          'editor',
        ),
        body: acceptBody,
        response: {
          200: published.extend(settledSchema.shape),
          422: rejection,
          ...errorResponses(400, 404, 409, 500),
          ...guardedResponses,
        },
      },
    },
    async (request, reply) => {
      const wanted = request.body.candidates;
      const found = new Map((await learned.getCandidates(wanted.map((c) => c.id))).map((c) => [c.id, c]));
      const missing = wanted.find((c) => found.get(c.id)?.status !== 'pending');
      if (missing) return sendError(reply, 404, `no pending candidate ${missing.id} (another editor may have settled it)`);
      const accepted = wanted.map((c) => ({ ...found.get(c.id)!, text: stripPersonal(c.text) }));
      const empty = accepted.find((c) => !c.text);
      if (empty)
        return sendError(reply, 400, `candidate ${empty.id}: nothing is left of the text once handles, links and personal data go`);
      try {
        const base = { text: knowledge.text(), sha256: knowledge.status().sha256 };
        let text = base.text;
        for (const c of accepted) text = addExamples(text, c.entryId, c.kind === 'example' ? 'examples' : 'negative_examples', [c.text]);
        // From the text read above: a version another editor put live meanwhile is refused, not overwritten.
        const result = await history.publish(text, request.user!.name, 'learned examples', base.sha256);
        const settled = await learned.settleCandidates(
          accepted.map((c) => ({ id: c.id, text: c.text })),
          'accepted',
          request.user!.name,
          opts.now(),
        );
        request.log.info({ candidates: settled, version: result.version.version }, 'learned examples published');
        return { ...result, settled };
      } catch (err) {
        if (err instanceof DraftEditError) return sendError(reply, 422, err.message, { problems: [] });
        if (err instanceof StaleBaseError) return sendError(reply, 409, err.message);
        if (err instanceof KnowledgeError)
          return sendError(reply, 422, 'the knowledge file has errors: nothing was published', { problems: err.problems });
        throw err;
      }
    },
  );

  app.post(
    '/api/knowledge/candidates/reject',
    {
      preHandler: guard,
      schema: {
        ...documented('Rejects pending candidates: they never reach the knowledge file', 'editor'),
        body: rejectBody,
        response: { 200: settledSchema, ...errorResponses(400), ...guardedResponses },
      },
    },
    async (request) => ({
      settled: await learned.settleCandidates(
        request.body.ids.map((id) => ({ id })),
        'rejected',
        request.user!.name,
        opts.now(),
      ),
    }),
  );
};
