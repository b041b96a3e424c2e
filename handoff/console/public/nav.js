import { api, loginUrl } from './api.js';
import { byId, h, replaceChildren } from './dom.js';

const links = [
  { page: 'queue', href: '/console', label: 'Queue' },
  { page: 'no-reply', href: '/console/no-reply', label: 'No reply' },
  { page: 'reports', href: '/console/reports', label: 'SLA report' },
  { page: 'team-reports', href: '/console/team-reports', label: 'Team reports' },
  { page: 'knowledge', href: '/console/knowledge', label: 'Knowledge', role: 'editor' },
  { page: 'routing', href: '/console/routing', label: 'Routing', role: 'admin' },
  { page: 'users', href: '/console/users', label: 'Users', role: 'admin' },
];

/** Who is signed in (a 401 goes to the sign-in page). */
export async function currentUser() {
  const { user } = await api('/api/me');
  return user;
}

/** The top bar shared by the pages: navigation (by role), who is signed in, sign out. */
export function renderNav(active, user, extra = null) {
  const signOut = async () => {
    try {
      await api('/api/session', { method: 'DELETE', redirectOn401: false });
    } finally {
      location.assign(loginUrl('/console'));
    }
  };
  replaceChildren(
    byId('top'),
    h('a', { class: 'brand', href: '/console' }, 'first-reply'),
    h(
      'nav',
      { 'aria-label': 'Console pages' },
      links
        .filter((link) => !link.role || user.roles.includes(link.role) || user.roles.includes('admin'))
        .map((link) => h('a', { href: link.href, 'aria-current': link.page === active ? 'page' : null }, link.label)),
    ),
    h('span', { class: 'spacer' }),
    extra,
    h('span', { class: 'who' }, h('bdi', {}, user.name)),
    h('button', { type: 'button', class: 'quiet', on: { click: signOut } }, 'Sign out'),
  );
}
