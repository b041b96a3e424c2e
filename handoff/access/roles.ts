/** agent: the queue and threads. editor: the knowledge file. admin: everything, users included. */
export const ROLES = ['agent', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  name: string;
  roles: Role[];
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** An admin holds every role. */
export const hasRole = (user: User, role: Role) => user.roles.includes('admin') || user.roles.includes(role);
