import { h } from './dom.js';

// An in-page confirmation (a modal <dialog>): Tab moves between its buttons, Escape cancels, and the
// focus goes back where it was. The safe choice (cancel) has the focus first.

/**
 * Asks a question; resolves true when the person confirms. `quote`: the customer's words to show
 * (text only: never markup).
 */
export function confirmDialog({ title, message, quote, quoteAuthor, confirmLabel, cancelLabel = 'Cancel' }) {
  const before = document.activeElement;
  return new Promise((resolve) => {
    let answer = false;
    const cancel = h('button', { type: 'button', class: 'cancel', on: { click: () => dialog.close() } }, cancelLabel);
    const confirm = h(
      'button',
      {
        type: 'button',
        class: 'primary danger',
        on: {
          click: () => {
            answer = true;
            dialog.close();
          },
        },
      },
      confirmLabel,
    );
    const dialog = h(
      'dialog',
      { class: 'confirm-dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-message' }, message),
      quote
        ? h(
            'blockquote',
            { class: 'confirm-quote', dir: 'auto' },
            quoteAuthor ? h('bdi', { class: 'author' }, quoteAuthor) : null,
            h('p', {}, quote),
          )
        : null,
      h('div', { class: 'confirm-actions' }, cancel, confirm),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

const ACTION_WORDS = {
  'hand-back': { verb: 'Hand back to the bot', label: 'Hand back anyway' },
  resolve: { verb: 'Resolve', label: 'Resolve anyway' },
  close: { verb: 'Close', label: 'Close anyway' },
};

/**
 * Asks to confirm leaving a customer's follow-up unanswered (the API's 409 carries it as
 * `unanswered`). Resolves true when the person confirms.
 */
export function confirmUnanswered(action, unanswered) {
  const words = ACTION_WORDS[action] ?? { verb: 'Continue', label: 'Continue anyway' };
  return confirmDialog({
    title: `${words.verb} without answering?`,
    message: 'The customer wrote again and nobody has answered yet. They will get no reply to this:',
    quote: unanswered?.text ?? '',
    quoteAuthor: unanswered?.author ?? null,
    confirmLabel: words.label,
  });
}
