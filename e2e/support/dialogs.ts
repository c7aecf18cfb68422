import type { Page } from 'playwright-core';

/**
 * Answers the page's next confirm() (`accept` or `dismiss`) and records its question in `asked`,
 * for a test to check what the page asked before acting.
 */
export function answerNextDialog(page: Page, answer: 'accept' | 'dismiss', asked: string[]): void {
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void (answer === 'accept' ? dialog.accept() : dialog.dismiss());
  });
}
