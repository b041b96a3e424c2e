import { customerPanel } from './customer-panel.js';
import { showReassign } from './reassign.js';
import { threadTags } from './tags.js';

// What the queue page adds around the open thread for issue 17: its tags, the reassign picker and the
// customer panel. console.js calls show() after each draw of the thread (first load and live refreshes).

export function threadExtras({ panel, me, onOpen, onChanged, say, reportError }) {
  const showCustomer = customerPanel(panel, { onOpen, say, reportError });
  const showTags = threadTags({ say, reportError });
  return function show(container, { thread }) {
    return Promise.all([
      showTags(container, thread.key).catch(reportError),
      showReassign(container, thread, me, { say, reportError, onDone: onChanged }),
      showCustomer(thread),
    ]);
  };
}
