import { api } from './api.js';
import { h } from './dom.js';

// Issue 20, moderation: on channels whose platform allows it (Facebook Page and Instagram comments),
// each customer comment of the open thread gets Hide (or Show, once hidden). The thread's history
// records who did it; the live event that follows redraws the thread.

const path = (key, platformId, action) => `/api/threads/${encodeURIComponent(key)}/comments/${encodeURIComponent(platformId)}/${action}`;

export function commentModeration({ say, reportError }) {
  return function show(container, data) {
    if (!data.canHide) return;
    for (const li of container.querySelectorAll('li.msg.from-customer[data-platform-id]')) {
      if (li.querySelector('button.moderate')) continue;
      const hidden = li.classList.contains('hidden-comment');
      const button = h(
        'button',
        {
          type: 'button',
          class: 'moderate',
          title: hidden
            ? 'Show this comment on the platform again'
            : 'Hide this comment on the platform: its author and the brand still see it, nobody else',
          on: {
            click: async () => {
              button.disabled = true;
              say('');
              try {
                await api(path(data.thread.key, li.dataset.platformId, hidden ? 'show' : 'hide'), { method: 'POST' });
                say(hidden ? 'Comment shown again on the platform' : 'Comment hidden on the platform', 'ok');
              } catch (err) {
                button.disabled = false;
                reportError(err);
              }
            },
          },
        },
        hidden ? 'Show' : 'Hide',
      );
      const head = li.querySelector('.msg-head');
      if (hidden) head?.append(h('span', { class: 'badge hidden-badge', title: 'Hidden on the platform' }, 'hidden'));
      head?.append(button);
    }
  };
}
