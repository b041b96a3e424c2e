import { AtpAgent, type AtpSessionData } from '@atproto/api';
import type Keyv from 'keyv';

const SESSION_KEY = 'session';

export interface BlueskySessionOptions {
  service: string;
  identifier: string;
  appPassword: string;
  /** Where the session is kept between restarts (the channel's state). */
  state: () => Keyv | undefined;
}

/**
 * One agent with one session for the life of the service. createSession is tightly rate limited,
 * so the session is kept in the channel state and resumed (refreshed) at start; the agent refreshes
 * the access token by itself when it expires. A new session is created only when none can be resumed.
 */
export function createBlueskySession(opts: BlueskySessionOptions) {
  const agent = new AtpAgent({
    service: opts.service,
    persistSession: (event, session) => {
      const state = opts.state();
      if (!state) return;
      if ((event === 'create' || event === 'update') && session) void state.set(SESSION_KEY, session);
      else if (event === 'expired' || event === 'create-failed') void state.delete(SESSION_KEY);
    },
  });
  let ready: Promise<AtpAgent> | undefined;

  async function open(): Promise<AtpAgent> {
    const saved = await opts.state()?.get<AtpSessionData>(SESSION_KEY);
    if (saved?.refreshJwt) {
      try {
        await agent.resumeSession(saved);
        if (agent.session) return agent;
      } catch {
        // The saved session is gone (revoked, expired refresh token): log in afresh.
      }
    }
    await agent.login({ identifier: opts.identifier, password: opts.appPassword });
    return agent;
  }

  return {
    /** The logged-in agent; the first call opens the session, later calls share it. */
    agent(): Promise<AtpAgent> {
      ready ??= open().catch((err) => {
        ready = undefined;
        throw err;
      });
      return ready;
    },
  };
}

export type BlueskySession = ReturnType<typeof createBlueskySession>;
