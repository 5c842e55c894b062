// Lists a staff page refreshes on a timer (the inbox every 15 s, the queue every 3 s, today's appointments every 30 s)
// without taking the keyboard's or the screen reader's place away (accessibility probe, 2026-12-06: each refresh built
// the rows anew, the focused button went with its row and the focus fell to the page's start; a count rewritten
// every 3 s with the same text was read out every 3 s).

/** Sets a live region's text only when it changes: a screen reader reads every write, the same text included. */
export function write(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled])';

/**
 * Puts `rows` (table rows, each with `data-key`; its controls with `data-action`) in place of `body`'s. Rows equal to
 * the ones shown are left as they are. A focused control comes back: the same action of the same row, else that row's
 * first button or control, else that of the row now at its place, else `fallback` (a heading or status with tabindex -1).
 * `active`: the control pressed, where it was disabled while its press ran (the browser then moved the focus away).
 */
export function replaceRows(body, rows, fallback, active = document.activeElement) {
  const shown = [...body.children];
  if (rows.length === shown.length && rows.every((row, i) => row.isEqualNode(shown[i]))) return;
  const row = active && body.contains(active) ? active.closest('tr') : null;
  const at = row ? shown.indexOf(row) : -1;
  body.replaceChildren(...rows);
  if (!row) return;
  const again = rows.find(r => r.dataset.key && r.dataset.key === row.dataset.key);
  // A row's next action before its link: after "assign to me", "processed" is what comes next.
  const first = row => row?.querySelector('button:not([disabled])') || row?.querySelector(focusable);
  const target = again
    ? (active.dataset.action && again.querySelector(`[data-action="${CSS.escape(active.dataset.action)}"]`)) || first(again)
    : first(rows[Math.min(at, rows.length - 1)]);
  (target || fallback)?.focus();
}
