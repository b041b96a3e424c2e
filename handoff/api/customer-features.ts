import type { FastifyInstance } from 'fastify';
import type { HandoffStore } from '../../store/handoff-store.js';
import type { UserDirectory } from '../access/user-directory.js';
import type { ThreadActions } from '../thread-actions.js';
import { assigneesRoute } from './assignees-route.js';
import { customerRoutes } from './customer-routes.js';
import { tagRoutes } from './tag-routes.js';

/** Issue 17's agent API: the customer panel, tags on threads, and the people a thread can be reassigned to. */
export async function registerCustomerFeatures(
  app: FastifyInstance,
  deps: { handoff: HandoffStore; actions: ThreadActions; users: UserDirectory; channels: () => readonly string[]; now: () => number },
): Promise<void> {
  await app.register(customerRoutes, { handoff: deps.handoff, channels: deps.channels, now: deps.now });
  await app.register(tagRoutes, { handoff: deps.handoff, actions: deps.actions, now: deps.now });
  await app.register(assigneesRoute, { users: deps.users });
}
