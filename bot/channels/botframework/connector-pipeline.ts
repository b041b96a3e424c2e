import type { TurnContext } from 'botbuilder';

/** The piece of botbuilder's ConnectorClient this changes: its @azure/core-rest-pipeline pipeline. */
interface ClientWithPipeline {
  client?: {
    pipeline?: {
      removePolicy(o: { name?: string; phase?: string }): unknown;
      addPolicy(
        policy: { name: string; sendRequest(req: { timeout: number }, next: (r: unknown) => Promise<unknown>): Promise<unknown> },
        o?: { phase: string },
      ): void;
    };
  };
}

const POLICY = 'first-reply-single-attempt';

/**
 * Makes the turn's connector client send each request once, with a timeout, and say whether it went
 * out. botbuilder's pipeline otherwise retries a POST itself after a reset or a 5xx: a reply the
 * connector had already taken would be posted again before the outbox could look for it.
 * `onWrite` is called when the request is handed to the HTTP client (the token is then obtained).
 */
export function singleAttempt(turn: TurnContext, timeoutMs: number, onWrite: () => void): void {
  const connector = turn.turnState.get(turn.adapter.ConnectorClientKey) as ClientWithPipeline | undefined;
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) throw new Error('botbuilder connector client without a pipeline: cannot turn its retries off');
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.removePolicy({ name: POLICY });
  // In the Sign phase, the last before the HTTP client: the request is as good as on the wire.
  pipeline.addPolicy(
    {
      name: POLICY,
      sendRequest(req, next) {
        req.timeout = timeoutMs;
        onWrite();
        return next(req);
      },
    },
    { phase: 'Sign' },
  );
}
