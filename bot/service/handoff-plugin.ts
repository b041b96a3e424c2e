import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Settings } from '../../config/settings.js';
import { createHandoff, type Handoff } from '../../handoff/create-handoff.js';
import { hoursFromSettings } from '../../config/hours-settings.js';
import { knowledgeRoutes } from '../../handoff/knowledge-editor/knowledge-routes.js';
import { incidentRoutes } from '../../handoff/knowledge-editor/incident-routes.js';
import { knowledgeViewRoutes } from '../../handoff/knowledge-editor/knowledge-views-routes.js';
import { previewTurn } from '../turn/preview-turn.js';
import { registerSearch } from '../../handoff/search/search-plugin.js';
import { learnFromReplies } from '../../handoff/learning/learn-from-replies.js';
import { suggestionRoutes } from '../../handoff/learning/suggestion-routes.js';
import { candidateRoutes } from '../../handoff/learning/candidate-routes.js';
import { entryReply, suggestReplies } from '../turn/suggest-replies.js';
import { registerEmerging, type EmergingFeature } from '../../handoff/emerging/emerging-feature.js';
import { isEntryActive } from '../../config/knowledge/schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Thread ownership, the agent API and the console (users are managed through it). */
    handoff: Handoff;
    /** Emerging incidents (issue 19): the grouping of this instance's handoffs. */
    emerging: EmergingFeature;
  }
}

/**
 * People: access control, the agent API, the console, the knowledge editor, notices to the team.
 * It acts on steps `decided`, `replySent` and `replyRetry` (the consoles are told) and `replyFailed` (the consoles and the team),
 * and takes `replyQueued` when a person replies. On ready its clock starts; on close it stops.
 */
export const handoffPlugin = fp(
  async (app: FastifyInstance, opts: { settings: Settings; now: () => number }) => {
    const { settings, now } = opts;
    const { way, store } = app;
    const learn = learnFromReplies({ handoff: app.handoffStore, learned: app.learnedExamples, knowledge: app.knowledge, now });
    const handoff = await createHandoff({
      app,
      settings,
      handoff: app.handoffStore,
      events: app.handoffEvents,
      keyv: app.keyv,
      channels: app.channels,
      metrics: app.metrics,
      hours: hoursFromSettings(settings),
      onReplyQueued: () => way.replyQueued.taken(),
      now,
      learn,
    });
    app.decorate('handoff', handoff);
    // Search, view counts and internal notes (handoff/search/).
    await registerSearch(app, { search: app.searchStore, handoff: app.handoffStore, events: app.handoffEvents, now });
    way.decided.on((decided) => handoff.onDecided(decided));
    // Emerging incidents: this instance's handoffs grouped after their commit, off the turn's path.
    const emerging = await registerEmerging({
      app,
      settings,
      groups: app.emergingGroups,
      handoff: app.handoffStore,
      events: app.handoffEvents,
      actions: handoff.actions,
      notify: (event) => handoff.notify(event),
      liveEntry: (id) => {
        const entry = app.knowledge.current().entries.find((e) => e.id === id);
        const at = new Date(now());
        return entry && [...app.channels.keys()].some((c) => isEntryActive(entry, c, at)) ? { title: entry.title } : undefined;
      },
      replyFor: (id, mention) => {
        const knowledge = app.knowledge.current();
        const entry = knowledge.entries.find((e) => e.id === id);
        return entry && isEntryActive(entry, mention.channel, mention.at) ? entryReply(knowledge, entry, mention).reply : undefined;
      },
      // The understanding's encoder and cache: a handoff's text was embedded by its turn moments ago.
      ...(app.understander.embedTexts ? { embed: (texts: string[]) => app.understander.embedTexts!(texts) } : {}),
      now,
    });
    app.decorate('emerging', emerging);
    way.decided.on((decided) => emerging.onDecided(decided));
    way.replySent.on((replies) => handoff.onRepliesSent(replies));
    way.replyRetry.on((reply) => handoff.onReplyRetry(reply));
    way.replyFailed.on((reply, failure, reason) => {
      void (async () => {
        const mention = reply.mentionId !== null ? await store.getMention(reply.mentionId) : undefined;
        await handoff.onReplyFailed(failure, reason, mention?.text ?? '');
      })().catch((err: unknown) => app.log.error({ err }, 'could not report a failed reply'));
    });
    // A rejected version, edited in the file or published from the console, is reported to the team.
    app.knowledge.onRejected((error) => {
      const first = error.problems[0];
      void handoff.notify({
        type: 'knowledge_rejected',
        file: settings.KNOWLEDGE_FILE,
        line: first?.line ?? 0,
        column: first?.column ?? 0,
        message: error.message,
      });
    });
    // The knowledge editor (editor role): every published version kept, rollback, preview.
    await app.register(knowledgeRoutes, {
      knowledge: app.knowledge,
      history: app.knowledgeHistory,
      channels: () => [...app.channels.keys()],
      // As the reply box counts them (handoff/thread-summary.ts): X weighs characters and links.
      limits: () =>
        Object.fromEntries(
          [...app.channels.values()].map((c) => [
            c.name,
            { maxLength: c.limits.maxLength, weighted: c.name === 'x', urlLength: c.name === 'x' ? 23 : null },
          ]),
        ),
      preview: (knowledge, understander, mention, channel) => previewTurn(understander, knowledge, mention, channel),
    });
    // New incident, end incident, the calendar and answers per entry (issue 23).
    await app.register(incidentRoutes, { knowledge: app.knowledge, history: app.knowledgeHistory, decisions: app.entryAnswers, now });
    await app.register(knowledgeViewRoutes, { knowledge: app.knowledge, decisions: app.entryAnswers, now });
    // Suggested replies for agents and the candidates their replies teach, reviewed by editors (issue 19).
    await app.register(suggestionRoutes, {
      handoff: app.handoffStore,
      learn,
      channels: app.channels,
      suggest: (mention, limit) => suggestReplies(app.understander, app.knowledge.current(), mention, limit),
      now,
    });
    await app.register(candidateRoutes, {
      knowledge: app.knowledge,
      history: app.knowledgeHistory,
      learned: app.learnedExamples,
      understander: app.understander,
      now,
    });
    app.addHook('onReady', () => handoff.start());
    app.addHook('onClose', () => handoff.stop());
  },
  { name: 'handoff', dependencies: ['store', 'channels', 'knowledge'] },
);
