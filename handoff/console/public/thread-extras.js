import { commentModeration } from './comment-moderation.js';
import { customerPanel } from './customer-panel.js';
import { showReassign } from './reassign.js';
import { threadTags } from './tags.js';
import { suggestionPanel } from './suggestions.js';

// What the queue page adds around the open thread for issue 17: its tags, the reassign picker and the
// customer panel; and for issue 19 the suggested replies. console.js calls show() after each draw of the
// thread (first load and live refreshes).

export function threadExtras({ panel, me, onOpen, onChanged, say, reportError }) {
  const showCustomer = customerPanel(panel, { onOpen, say, reportError });
  const showTags = threadTags({ say, reportError });
  const showSuggestions = suggestionPanel({ say, reportError });
  const showModeration = commentModeration({ say, reportError });
  return function show(container, data, replyBox) {
    const { thread } = data;
    showModeration(container, data);
    return Promise.all([
      showSuggestions(container, data, replyBox),
      showTags(container, thread.key).catch(reportError),
      showReassign(container, thread, me, { say, reportError, onDone: onChanged }),
      showCustomer(thread),
    ]);
  };
}
