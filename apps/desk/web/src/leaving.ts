/**
 * Asking before work on a screen is lost. A screen registers a question (`askBeforeLeaving`
 * through its context) that answers what it holds unsent, or null when nothing: the sections
 * list reordered but not saved, a note to the reporter typed but not sent. In-desk links, Back
 * and Forward, and Sign out then ask with confirm() and stay on the screen when declined;
 * closing or reloading the tab asks with the browser's own prompt (beforeunload, which shows
 * no words of ours). Screens that move on by themselves after an action (context.navigate) do
 * not ask. The story screen saves itself on leaving and keeps its own rules for the tab.
 */

/** What each field held when it was first focused: typing is a value that differs from it. */
const valueWhenFocused = new WeakMap<EventTarget, string>();
let questions: (() => string | null)[] = [];

/** Installs the listeners once, for the life of the page. */
export function installLeaving(): void {
  document.addEventListener('focusin', (event) => {
    const field = event.target;
    if ((field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && !valueWhenFocused.has(field)) valueWhenFocused.set(field, field.value);
  });
  window.addEventListener('beforeunload', (event) => {
    if (unsentWork() === null) return;
    event.preventDefault();
    event.returnValue = '';
  });
}

/** A new screen starts with nothing to ask about. */
export function forgetQuestions(): void {
  questions = [];
}

/** Registers a screen's question; see the module's comment. */
export function askBeforeLeaving(question: () => string | null): void {
  questions.push(question);
}

/**
 * Whether any text field inside `region` now holds something other than what it held when
 * the user first went into it: typed text not yet sent. A form that was sent and built anew,
 * or reset to what it held, no longer counts.
 */
export function typedInto(region: Element): boolean {
  return [...region.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].some(
    (field) => valueWhenFocused.has(field) && valueWhenFocused.get(field) !== field.value,
  );
}

/** The first registered question that has an answer: what would be lost on leaving now. */
export function unsentWork(): string | null {
  for (const question of questions) {
    const asked = question();
    if (asked) return asked;
  }
  return null;
}

/** True when nothing would be lost, or the user says to leave anyway. */
export function mayLeave(): boolean {
  const question = unsentWork();
  return question === null || window.confirm(question);
}
