import type { Service } from '../../../bot/create-service.js';

/** A person with the agent role, created as an operator does (the service's user directory). */
export async function createAgent(service: Service, name: string, password: string) {
  return service.handoff.users.saveUser(name, ['agent'], password);
}
