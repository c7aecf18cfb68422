/**
 * The whole lifecycle through the desk only, in Debian's chromium driven by playwright-core:
 * an admin invites a reporter and two editors; the reporter accepts the invitation, writes a
 * story with a subheading and an attributed quote, and submits it; one editor reads the
 * checks and requests changes; the reporter reads the note, edits and resubmits; the other
 * editor reads the diff and approves it for a minute or two ahead, then moves it to now from
 * the schedule (so the test does not wait); the story goes live and its delivery log fills.
 * People are named by their names, sections by their labels, never by ids or slugs.
 *
 * The second test writes a story like the README's seed through the editor only (Kyiv
 * dateline, two subheadings, attributed quotes, an uploaded picture, a related teaser), an
 * editor comments on one block and approves it without touching the time, which publishes it
 * at once, and the public page shows all of it; then an admin inspects and replays a dead
 * letter from the desk.
 *
 * The third has an admin rename and move a section on the Sections screen, after a conflict
 * with another admin's save, and the public navigation follow.
 *
 * Every screen is checked with axe-core (no serious or critical violation) and photographed
 * at desktop width and at 390 px into tmp/desk-screenshots/ (not in CI: screenshotsWanted).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { TOPICS } from '@newsroom/contracts';
import { TestEventBus } from '@newsroom/test-harness';
import { WORKSPACE_ROOT, CHROMIUM_ARGS, ensureChromium, screenshotToLookAt } from '@newsroom/testing';
import { NewsroomUnderTest, eventually } from '../support/newsroom-under-test';
import { answerNextDialog } from '../support/dialogs';

jest.setTimeout(300_000);

const SHOTS = path.join(WORKSPACE_ROOT, 'tmp/desk-screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'correct horse battery staple';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('the desk in a browser', () => {
  let newsroom: NewsroomUnderTest;
  let browser: Browser;
  let desk: string;
  const contexts: BrowserContext[] = [];
  /** What the browser complained about (script errors, refused resources), printed after the suite. */
  const browserErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const executablePath = ensureChromium();
    [newsroom, browser] = await Promise.all([NewsroomUnderTest.start(), chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] })]);
    desk = newsroom.url('desk');
  });

  afterAll(async () => {
    // Where each person's browser stood at the end: the first thing to look at after a failure.
    for (const [i, context] of contexts.entries()) {
      for (const page of context.pages()) await page.screenshot({ path: path.join(SHOTS, `last-${i}.png`), fullPage: true }).catch(() => undefined);
    }
    if (browserErrors.length > 0) console.warn(`the browser reported:\n${browserErrors.join('\n')}`);
    await browser?.close();
    await newsroom?.stop();
  });

  /** A browser profile of its own (cookies apart) for one person. */
  async function person(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // 401 is the expected answer to GET /api/session before signing in
      if (message.type() === 'error' && !message.text().includes('status of 401')) browserErrors.push(`console: ${message.text()}`);
    });
    return page;
  }

  /** The text of the element the keyboard is on. */
  async function focusedText(page: Page): Promise<string> {
    return String(await page.evaluate(`document.activeElement?.textContent?.trim() ?? ''`));
  }

  /** How many stories the navigation says wait in the review queue (0 when it shows no count). */
  async function waitingInQueue(page: Page): Promise<number> {
    const name = (await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: /^Review queue/ }).textContent()) ?? '';
    return Number(/\((\d+) waiting\)/.exec(name)?.[1] ?? 0);
  }

  /**
   * The screen as it is: no serious or critical axe-core violation, at desktop width and at
   * 390 px, and a full-page screenshot of each to look at (screenshotsWanted).
   */
  async function checkScreen(page: Page, name: string): Promise<void> {
    for (const [label, viewport] of [['desktop', DESKTOP], ['390', PHONE]] as const) {
      await page.setViewportSize(viewport);
      await screenshotToLookAt(page, path.join(SHOTS, `${name}-${label}.png`));
      // Evaluated through the DevTools protocol, which the desk's Content-Security-Policy does not cover.
      if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
      const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
      const grave = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${name} at ${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(grave).toEqual([]);
    }
    await page.setViewportSize(DESKTOP);
  }

  /** The admin invites someone; the link comes back in the admin's answer (and by e-mail). */
  async function invite(admin: Page, email: string, name: string, roles: string[]): Promise<string> {
    await admin.getByLabel('E-mail').fill(email);
    await admin.getByLabel('Name', { exact: true }).fill(name);
    for (const role of ['reporter', 'editor', 'admin']) await admin.locator(`#invite-${role}`).setChecked(roles.includes(role));
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    const link = admin.locator(`a[data-invitation="${email}"]`);
    await link.waitFor();
    return new URL((await link.getAttribute('href')) as string, desk).toString();
  }

  /** The first admin signs in (from the settings the desk started with). */
  async function adminSignsIn(): Promise<Page> {
    const admin = await person();
    await admin.goto(`${desk}/sign-in`);
    await admin.getByLabel('E-mail').fill(newsroom.env('desk').DESK_INITIAL_ADMIN_EMAIL);
    await admin.getByLabel('Password').fill(newsroom.env('desk').DESK_INITIAL_ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    return admin;
  }

  async function acceptInvitation(page: Page, link: string): Promise<void> {
    await page.goto(link);
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
  }

  /** A disabled account cannot sign in again. */
  async function signInAgainFails(page: Page, email: string): Promise<void> {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That e-mail and password do not match an active account.').waitFor();
  }

  it('takes a story from invitation to live page and alerts, through the desk only', async () => {
    // A reader follows politics, so the live story has deliveries to log.
    const signup = await newsroom.call('notifications', 'POST', '/v1/subscribers', null, { email: 'desk.reader@example.com', sections: ['politics'] });
    expect(signup.status).toBe(202);
    const confirmation = await newsroom.mail.waitFor((mail) => mail.to.includes('desk.reader@example.com'), 15_000);
    // The link opens a page whose button posts to the same address.
    const confirmLink = /https?:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+/.exec(confirmation.text)?.[0] as string;
    expect((await fetch(confirmLink, { method: 'POST' })).status).toBe(200);

    // ---- the admin signs in with the keyboard only and invites three people ----
    const admin = await person();
    await admin.goto(`${desk}/sign-in`);
    await checkScreen(admin, 'sign-in');
    await admin.keyboard.press('Tab'); // skip link
    for (let i = 0; i < 10 && (await admin.evaluate('document.activeElement && document.activeElement.name')) !== 'email'; i += 1) await admin.keyboard.press('Tab');
    // the focused field shows it (the focus ring is an outline)
    expect(await admin.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await admin.keyboard.type(newsroom.env('desk').DESK_INITIAL_ADMIN_EMAIL);
    await admin.keyboard.press('Tab');
    await admin.keyboard.type(newsroom.env('desk').DESK_INITIAL_ADMIN_PASSWORD);
    await admin.keyboard.press('Enter');
    await admin.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    const reporterLink = await invite(admin, 'rhea@newsroom.test', 'Rhea Reporter', ['reporter']);
    const firstEditorLink = await invite(admin, 'eddie@newsroom.test', 'Eddie Editor', ['editor']);
    const lostLink = await invite(admin, 'erin@newsroom.test', 'Erin Editor', ['editor']);
    // Erin's e-mail went astray: the admin sends a new link from her row, which replaces the first
    await admin.getByRole('button', { name: 'New invitation link for erin@newsroom.test' }).click();
    const secondEditorLink = await eventually('the new invitation link', async () => {
      const href = await admin.locator('a[data-invitation="erin@newsroom.test"]').getAttribute('href');
      const link = href ? new URL(href, desk).toString() : undefined;
      return link && link !== lostLink ? link : undefined;
    });
    await admin.getByRole('cell', { name: 'erin@newsroom.test', exact: true }).waitFor();
    await checkScreen(admin, 'accounts');

    // ---- the reporter accepts the invitation and writes the story ----
    const reporter = await person();
    await reporter.goto(reporterLink);
    await checkScreen(reporter, 'invitation');
    await acceptInvitation(reporter, reporterLink);
    await reporter.getByRole('heading', { name: 'My stories' }).waitFor();
    await checkScreen(reporter, 'my-stories-empty');
    await reporter.getByRole('link', { name: 'New story' }).click();
    const headline = 'Harwick opens its first night bus line';
    await reporter.getByLabel('Headline').fill(headline);
    await reporter.getByLabel('Standfirst').fill('Route N1 links the station with the hospital every 20 minutes.');
    await reporter.getByLabel('Place').fill('Harwick');
    await reporter.getByLabel('Section').selectOption('politics');
    await reporter.getByLabel('Tags').fill('transport, Gdańsk Street, 🚌');
    // what the tags are filed under follows the typing: their pages' addresses, what readers
    // follow; an entry that cannot be a tag is named there, and the save it makes is refused by name
    await reporter.getByText('Filed under: transport, gdansk-street. “🚌” has no letters or digits, so it cannot be a tag.', { exact: true }).waitFor();
    const body = reporter.getByRole('textbox', { name: 'Story body' });
    await body.click();
    await reporter.keyboard.type('The N1 runs from midnight to 5am.');
    await reporter.getByRole('status').getByText('Not saved: Tag 3 (“🚌”) has no letters or digits, so it cannot be a tag', { exact: true }).waitFor();
    await reporter.getByLabel('Tags').fill('transport, Gdańsk Street');
    await reporter.getByText('Filed under: transport, gdansk-street.', { exact: true }).waitFor();
    await body.getByText('The N1 runs from midnight to 5am.').click();
    await reporter.keyboard.press('End');
    await reporter.keyboard.press('Enter');
    await reporter.getByRole('button', { name: 'Subheading' }).click();
    await reporter.keyboard.type('Who asked for it');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.type('Hospital staff on night shifts.');
    await reporter.keyboard.press('Enter');
    await reporter.getByRole('button', { name: 'Quote' }).click();
    await reporter.keyboard.type('Night workers asked for this for years.');
    await reporter.keyboard.press('Enter'); // on to the attribution
    await reporter.keyboard.type('Transport committee chair');
    await reporter.getByText(/^Saved \(version/).waitFor();
    await reporter.getByText('All checks pass: ready to submit.').waitFor();
    // Section and Language side by side: their labels and controls on one line, hint or not.
    const [sectionBox, languageBox] = await Promise.all([reporter.getByLabel('Section').boundingBox(), reporter.getByLabel('Language').boundingBox()]);
    expect(Math.abs((sectionBox?.y ?? 0) - (languageBox?.y ?? 1))).toBeLessThan(1);
    await checkScreen(reporter, 'story-editor');
    // publishing's renderer shows the page as it would go live
    await reporter.getByRole('button', { name: 'Preview', exact: true }).click();
    await reporter.frameLocator('iframe.preview-frame').getByRole('heading', { name: headline }).waitFor();
    await checkScreen(reporter, 'story-preview');
    await reporter.getByRole('button', { name: 'Close preview' }).click();
    await reporter.getByRole('button', { name: 'Submit for review' }).click();
    await reporter.getByText('Submitted. Editors see it in their queue now.').waitFor();

    // ---- the reporter recalls it at once (a line to add), edits it, and submits it again ----
    await reporter.getByRole('button', { name: 'Recall from review' }).click();
    await reporter.getByText('Recalled from the review queue. Edit it as you need, and submit it again when it is ready.').waitFor();
    await eventually('the story to be editable after the recall', async () => (await body.getAttribute('contenteditable')) === 'true', { timeoutMs: 15_000 });
    await reporter.getByText(/^Recalled from review/).first().waitFor(); // on the timeline
    await expect(reporter.getByRole('button', { name: 'Recall from review' }).count()).resolves.toBe(0);
    await checkScreen(reporter, 'story-recalled');
    await body.getByText('Hospital staff on night shifts.').click();
    await reporter.keyboard.press('End');
    await reporter.keyboard.type(' And cleaners.');
    await reporter.getByText(/^Saved \(version/).waitFor();
    await reporter.getByRole('button', { name: 'Submit for review' }).click();
    await reporter.getByText('Submitted. Editors see it in their queue now.').waitFor();

    // ---- the first editor reads the checks and requests changes ----
    const firstEditor = await person();
    await acceptInvitation(firstEditor, firstEditorLink);
    await firstEditor.getByRole('heading', { name: 'Review queue' }).waitFor();
    await firstEditor.getByRole('link', { name: headline }).waitFor(); // the queue polls
    await firstEditor.getByRole('row', { name: new RegExp(headline) }).getByRole('cell', { name: 'Politics', exact: true }).waitFor();
    // recalled and sent again: the queue says it is back from its reporter
    await firstEditor.getByRole('row', { name: new RegExp(headline) }).getByText(/ · resubmitted$/).waitFor();
    await checkScreen(firstEditor, 'review-queue');
    await firstEditor.getByRole('link', { name: headline }).click();
    await firstEditor.getByRole('heading', { name: 'Automated checks' }).waitFor();
    // the reporter by name, the section by its label: never an account id or a slug
    await firstEditor.getByText(/· submitted .* by Rhea Reporter$/).waitFor();
    await expect(firstEditor.getByText(/[0-9a-f]{8}-[0-9a-f]{4}-/).count()).resolves.toBe(0);
    const revisionMeta = firstEditor.getByRole('article', { name: 'Revision 2' }).getByText(/ · Politics · /);
    await revisionMeta.waitFor();
    // The dateline's day as the desk writes every date, not as the API carries it (2026-12-04).
    await expect(revisionMeta.textContent()).resolves.not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const waitingBefore = await waitingInQueue(firstEditor);
    expect(waitingBefore).toBeGreaterThan(0);
    await firstEditor.getByRole('button', { name: 'Claim this story' }).click();
    await firstEditor.getByLabel('Note to the reporter').waitFor();
    // The button pressed is drawn away: the keyboard is on what happened, not back at the page's top;
    // and the queue's count is read again at once, not at the next half-minute poll.
    await expect(focusedText(firstEditor)).resolves.toBe('You claimed the story.');
    await eventually('the queue count to drop after the claim', async () => (await waitingInQueue(firstEditor)) === waitingBefore - 1 || undefined, { timeoutMs: 5_000 });
    await checkScreen(firstEditor, 'review');
    const note = 'Say which hospital, and when the first bus runs.';
    await firstEditor.getByLabel('Note to the reporter').fill(note);
    // A note not sent yet: the desk asks before a link takes the editor away, and declined, it stays.
    const leaving: string[] = [];
    answerNextDialog(firstEditor, 'dismiss', leaving);
    await firstEditor.getByRole('link', { name: 'Review queue' }).click();
    expect(leaving).toEqual(['What you wrote on this story (a note, a reason or a comment) is not sent. Leave and lose it?']);
    expect(await firstEditor.getByLabel('Note to the reporter').inputValue()).toBe(note);
    await firstEditor.getByRole('button', { name: 'Request changes' }).click();
    await firstEditor.getByText('Changes requested; the reporter sees your note.').waitFor();
    await expect(focusedText(firstEditor)).resolves.toBe('Changes requested; the reporter sees your note.');

    // ---- the reporter sees the note, edits and resubmits ----
    await reporter.getByText(note).first().waitFor({ timeout: 30_000 }); // the story page polls
    await reporter.getByText(/^Changes requested \(revision 2\) by Eddie Editor/).waitFor();
    // The request also stands at the top, above the form (on a phone the notes come after it).
    await expect(reporter.locator('.changes-request').textContent()).resolves.toBe(`Changes requested by Eddie Editor: “${note}” All notes and history`);
    await eventually('the story to be editable again', async () => (await body.getAttribute('contenteditable')) === 'true', { timeoutMs: 15_000 });
    await checkScreen(reporter, 'story-changes-requested');
    await body.getByText('The N1 runs from midnight to 5am.').click();
    await reporter.keyboard.press('End');
    await reporter.keyboard.type(' The first bus leaves Harwick General at 00:10.');
    await reporter.getByText(/^Saved \(version/).waitFor();
    await reporter.getByRole('button', { name: 'Submit for review' }).click();
    await reporter.getByText('Submitted. Editors see it in their queue now.').waitFor();

    // ---- the first editor claims the resubmission, then is called away ----
    await firstEditor.getByRole('button', { name: 'Claim this story' }).click({ timeout: 30_000 }); // the review screen polls
    await firstEditor.getByText('You claimed the story.').waitFor();

    // ---- the second editor takes it over, reads the diff and approves for a minute or two ahead ----
    const secondEditor = await person();
    await acceptInvitation(secondEditor, secondEditorLink);
    await secondEditor.getByRole('link', { name: headline }).click();
    await secondEditor.getByText(/^Claimed by Eddie Editor since .+\. Only the editor reviewing it can decide it/).waitFor();
    await expect(secondEditor.getByRole('button', { name: 'Claim this story' }).count()).resolves.toBe(0);
    await checkScreen(secondEditor, 'review-held-by-another');
    const takeOver: string[] = [];
    answerNextDialog(secondEditor, 'dismiss', takeOver);
    await secondEditor.getByRole('button', { name: 'Take over this story' }).click();
    expect(takeOver).toEqual(['Take this story over from Eddie Editor? They can then no longer approve, reject or send it back; their notes stay.']);
    await expect(secondEditor.getByLabel('Note to the reporter').count()).resolves.toBe(0); // declined: nothing sent
    answerNextDialog(secondEditor, 'accept', takeOver);
    await secondEditor.getByRole('button', { name: 'Take over this story' }).click();
    await secondEditor.getByText('You took the story over from Eddie Editor.').waitFor();
    // the reporter's page names who has the story now (whom to ask to send it back)
    await reporter.getByText(/^In review — Erin Editor has it\. /).waitFor({ timeout: 30_000 });
    // The first editor's screen follows: the decisions give way to who holds it now.
    await firstEditor.getByText(/^Claimed by .+ since .+\. Only the editor reviewing it can decide it/).waitFor({ timeout: 30_000 });
    await expect(firstEditor.getByRole('button', { name: 'Approve', exact: true }).count()).resolves.toBe(0);
    await secondEditor.getByRole('heading', { name: 'Changes since revision 2' }).waitFor();
    await secondEditor.getByText(/^changes requested by Eddie Editor, revision 2/).waitFor();
    await expect(secondEditor.locator('.diff ins').filter({ hasText: 'Harwick' }).count()).resolves.toBeGreaterThan(0);
    await checkScreen(secondEditor, 'review-diff');
    const ahead = new Date(Date.now() + 120_000);
    const local = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    // a time is only taken once the editor asks for one
    await expect(secondEditor.getByLabel('Publish at', { exact: true }).isDisabled()).resolves.toBe(true);
    await secondEditor.getByLabel('At a time').check();
    await secondEditor.getByLabel('Publish at', { exact: true }).fill(local(ahead));
    await checkScreen(secondEditor, 'review-approve-at-a-time');
    await secondEditor.getByRole('button', { name: 'Approve', exact: true }).click();
    await secondEditor.getByText(/^Approved; it goes live .+\.$/).waitFor();
    // decided: the diff keeps the revisions it compared
    await secondEditor.getByRole('heading', { name: 'Changes since revision 2' }).waitFor();

    // ---- the schedule: moved to now, so it goes live at once ----
    await secondEditor.getByRole('link', { name: 'Schedule' }).click();
    await secondEditor.getByRole('heading', { name: headline }).waitFor({ timeout: 30_000 });
    await checkScreen(secondEditor, 'schedule');
    await secondEditor.getByLabel(`New time for “${headline}”`).fill(local(new Date()));
    // the minute has begun, so the time has passed: asked before it goes live at once
    const publishNow: string[] = [];
    answerNextDialog(secondEditor, 'accept', publishNow);
    await secondEditor.getByRole('button', { name: 'Reschedule' }).click();
    await eventually('the question', () => publishNow.length > 0, { timeoutMs: 10_000 });
    expect(publishNow).toEqual([expect.stringContaining(`has passed: “${headline}” would go live`)]);
    // a time already come publishes at once, and the schedule says so rather than "rescheduled"
    await secondEditor.getByText(`“${headline}” is live now: the time you chose had already come.`).waitFor();

    // ---- live: the reporter's link to the public page, the page itself, the delivery log ----
    const publicLink = reporter.getByRole('link', { name: 'Open the public page' });
    await publicLink.waitFor({ timeout: 30_000 });
    const publicUrl = (await publicLink.getAttribute('href')) as string;
    const page = await (await fetch(publicUrl)).text();
    expect(page).toContain(headline);
    expect(page).toContain('Who asked for it');
    expect(page).toContain('Transport committee chair');
    expect(page).toContain('Harwick General');
    // its topics read as the reporter typed them, filed under their slugs
    expect(page).toMatch(/<a href="\/tags\/gdansk-street">(<bdi>)?Gdańsk Street(<\/bdi>)?<\/a>/);
    expect(page).toMatch(/<a href="\/tags\/transport">(<bdi>)?Transport(<\/bdi>)?<\/a>/);
    // a live story says how to change it, not whether it is ready to submit
    await reporter.getByText('Published — start a new revision to change it.').waitFor();
    // the revisions the history names stand out, with what happened to each; the saves between fold
    const revisions = reporter.getByRole('region', { name: 'Revisions' });
    await revisions.getByText(/^Revision 3 · .+ · submitted, approved, went live$/).waitFor();
    await revisions.getByText(/^Revision 2 · .+ · submitted, changes requested$/).waitFor();
    await revisions.getByText(/^Revision 1 · .+ · submitted, recalled$/).waitFor();
    // the timeline's take-over, for the record: who took it, and who took it over from them
    await reporter.getByText(/^Taken for review \(revision 3\) by Eddie Editor/).waitFor();
    await reporter.getByText(/^Taken over from Eddie Editor \(revision 3\) by Erin Editor/).waitFor();
    await expect(reporter.getByRole('button', { name: 'Submit for review' }).isVisible()).resolves.toBe(false);
    await checkScreen(reporter, 'story-live');

    await secondEditor.getByRole('link', { name: 'Live stories' }).click();
    await secondEditor.getByRole('row', { name: new RegExp(headline) }).getByRole('cell', { name: 'Politics', exact: true }).waitFor();
    await secondEditor.getByRole('link', { name: headline }).click();
    await secondEditor.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await secondEditor.getByRole('cell', { name: 'sent' }).first().waitFor({ timeout: 30_000 }); // the log polls
    await checkScreen(secondEditor, 'live-story');
    // on a phone the header row is hidden: every value carries its column's name
    expect(await secondEditor.locator('table.delivery-speed td[data-label="p50"]').count()).toBe(1);
    expect(await secondEditor.locator('table.list td[data-label="Recipient"]').count()).toBeGreaterThan(0);
    // a correction: a public note, a sharper standfirst and a paragraph put right
    const correctionNote = 'The standfirst now names the hospital; the first bus leaves at 00:15.';
    await secondEditor.getByLabel('Correction note (shown to readers)').fill(correctionNote);
    await secondEditor.getByLabel('Standfirst').fill('Route N1 links the station with Harwick General every 20 minutes.');
    // meanwhile another editor corrects the same story: the form's copy of the live text is now old
    await firstEditor.getByRole('link', { name: 'Live stories' }).click();
    await firstEditor.getByRole('link', { name: headline }).click();
    await firstEditor.getByLabel('Correction note (shown to readers)').fill('The route now runs on Sundays too.');
    await firstEditor.getByRole('button', { name: 'Publish correction' }).click();
    await firstEditor.getByText('Correction published.').waitFor();
    await secondEditor.getByRole('button', { name: 'Publish correction' }).click();
    await secondEditor.getByText(/changed since version \d+; it is now at version \d+.*\(ARTICLE\.VERSION_CONFLICT\)/).waitFor();
    await secondEditor.getByText('The form now shows the live text as it is now; make the correction again.').waitFor();
    // the story's page lists what readers have been told already
    await secondEditor.getByRole('region', { name: 'Corrections published' }).getByText('The route now runs on Sundays too.').waitFor();
    expect(await secondEditor.getByLabel('Correction note (shown to readers)').inputValue()).toBe(correctionNote);
    await secondEditor.getByLabel('Standfirst').fill('Route N1 links the station with Harwick General every 20 minutes.');
    await secondEditor.getByText('Body text').click();
    await checkScreen(secondEditor, 'live-story-correction');
    const firstParagraph = secondEditor.getByLabel('Paragraph 1', { exact: true });
    expect(await firstParagraph.inputValue()).toContain('The first bus leaves Harwick General at 00:10.');
    // an emptied headline is sent as such and refused: dropped, it made a correction that changed nothing go out to readers
    const liveHeadline = await secondEditor.getByLabel('Headline', { exact: true }).inputValue();
    await secondEditor.getByLabel('Headline', { exact: true }).fill('');
    await secondEditor.getByRole('button', { name: 'Publish correction' }).click();
    await secondEditor.getByText(/headline must contain visible text.*\(ARTICLE\.INVALID_CORRECTION\)/).waitFor();
    await secondEditor.getByLabel('Headline', { exact: true }).fill(liveHeadline);
    // a correction runs approval's blocking checks: an unsafe link is refused, and nothing changes
    await firstParagraph.fill('See the [timetable](javascript:alert(1)).');
    await secondEditor.getByRole('button', { name: 'Publish correction' }).click();
    await secondEditor.getByText(/The corrected article cannot go live while 1 check\(s\) fail: .*\(ARTICLE\.BLOCKING_CHECKS\)/).waitFor();
    expect(await (await fetch(publicUrl)).text()).not.toContain('timetable');
    await firstParagraph.fill('The N1 runs from midnight to 5am. The first bus leaves Harwick General at 00:15.');
    await secondEditor.getByRole('button', { name: 'Publish correction' }).click();
    await secondEditor.getByText('Correction published.').waitFor();
    // the two corrections published, and none of the refused ones
    const published = secondEditor.getByRole('region', { name: 'Corrections published' }).getByRole('listitem');
    await eventually('two corrections listed', async () => (await published.count()) === 2, { timeoutMs: 10_000 });
    expect(await published.allInnerTexts()).toEqual([expect.stringContaining('The route now runs on Sundays too.'), expect.stringContaining(correctionNote)]);
    await eventually('the corrected page', async () => (await (await fetch(publicUrl)).text()).includes('Route N1 links the station with Harwick General'), { timeoutMs: 15_000 });
    const correctedPage = await (await fetch(publicUrl)).text();
    expect(correctedPage).toContain('The first bus leaves Harwick General at 00:15.');
    expect(correctedPage).not.toContain('at 00:10.');
    // the correction reaches the reporter's copy (the story page polls), so the next revision starts from it
    const correctedStandfirst = 'Route N1 links the station with Harwick General every 20 minutes.';
    await eventually('the corrected standfirst in the reporter’s copy', async () => (await reporter.getByLabel('Standfirst').inputValue()) === correctedStandfirst, { timeoutMs: 15_000 });
    // the text changed under the reporter's eyes, and the screen says why, by whom on the timeline
    await reporter.getByText(/^An editor corrected the live story \(“The standfirst now names the hospital/).waitFor();
    await reporter.getByText(/^Corrected \(revision \d+\) by Erin Editor/).first().waitFor();
    await reporter.getByRole('button', { name: 'Start a new revision' }).click();
    await reporter.getByText('Status: draft').waitFor();
    expect(await reporter.getByLabel('Standfirst').inputValue()).toBe(correctedStandfirst);
    // a live story whose reporter is on a new revision is still live: editors find it and see the live text
    await secondEditor.getByRole('link', { name: 'Live stories' }).click();
    await secondEditor.getByRole('link', { name: headline }).click();
    await secondEditor.getByText('the reporter is working on a new revision (draft)').waitFor();
    await expect(secondEditor.getByLabel('Standfirst').inputValue()).resolves.toBe(correctedStandfirst);
    await secondEditor.getByRole('link', { name: 'Live stories' }).click();
    await secondEditor.getByRole('link', { name: headline }).waitFor();
    await checkScreen(secondEditor, 'live-stories');
    // pulled for a legal check, then killed: the page says each at once (publishing knows before
    // drafting hears); off the site it offers no correction, but still the kill
    await secondEditor.getByRole('link', { name: headline }).click();
    await secondEditor.getByLabel('Reason (kept internally)').fill('Legal check.');
    secondEditor.once('dialog', (dialog) => void dialog.accept());
    await secondEditor.getByRole('button', { name: 'Unpublish', exact: true }).click();
    await secondEditor.getByText('Unpublished: the page now answers "gone".').waitFor();
    await secondEditor.getByText(/^Off the site: its page answers "gone"\. It can no longer be corrected; it can still be killed/).waitFor();
    expect(await secondEditor.getByRole('button', { name: 'Publish correction' }).isVisible()).toBe(false);
    // off every public list, it is listed for editors under "Taken off the site", and killed from there
    await secondEditor.getByRole('link', { name: 'Live stories' }).click();
    const takenOff = secondEditor.getByRole('region', { name: 'Taken off the site' });
    await takenOff.getByRole('link', { name: headline }).waitFor();
    // and only there: not among the live stories
    await expect(secondEditor.getByRole('main').getByRole('link', { name: headline }).count()).resolves.toBe(1);
    await takenOff.getByRole('link', { name: headline }).click();
    await secondEditor.getByLabel('Legal reason').fill('Court order of 2 December.');
    secondEditor.once('dialog', (dialog) => void dialog.accept());
    await secondEditor.getByRole('button', { name: 'Kill story' }).click();
    await secondEditor.getByText('Killed: the story has left every output.').waitFor();
    await secondEditor.getByText('Killed: its text has left every output, and nothing more can be done to it.').waitFor();
    expect(await secondEditor.getByRole('button', { name: 'Publish correction' }).isVisible()).toBe(false);
    expect((await fetch(publicUrl)).status).toBe(410);

    // ---- the admin disables an account: its open desk stops at once (the review page polls) ----
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByRole('button', { name: 'Disable eddie@newsroom.test' }).click();
    await admin.getByText('eddie@newsroom.test disabled: signed out everywhere.').waitFor();
    await firstEditor.getByText('Your session ended. Sign in again to go on.').waitFor({ timeout: 15_000 });
    await signInAgainFails(firstEditor, 'eddie@newsroom.test');
  });

  it('takes a seed-like story with an uploaded picture from the editor to the public page, and replays a dead letter', async () => {
    const admin = await adminSignsIn();
    const reporterLink = await invite(admin, 'olena@newsroom.test', 'Olena Kravets', ['reporter']);
    const editorLink = await invite(admin, 'ivan@newsroom.test', 'Ivan Editor', ['editor']);

    // ---- the reporter writes the story in the editor only ----
    const reporter = await person();
    await acceptInvitation(reporter, reporterLink);
    await reporter.getByRole('link', { name: 'New story' }).click();
    const headline = 'Kyiv reopens its river tram after the winter repairs';
    await reporter.getByLabel('Headline').fill(headline);
    await reporter.getByLabel('Standfirst').fill('The line along the Dnipro runs every ten minutes again.');
    await reporter.getByLabel('Place').fill('Kyiv');
    await reporter.getByLabel('Section').selectOption('politics');
    const body = reporter.getByRole('textbox', { name: 'Story body' });
    await body.click();
    await reporter.keyboard.type('The first tram left Poshtova Square at 6am on Monday.');
    await reporter.keyboard.press('Enter');
    await reporter.getByRole('button', { name: 'Subheading' }).click();
    await reporter.keyboard.type('What was repaired');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.type('Crews replaced two kilometres of track.');
    await reporter.keyboard.press('Enter');
    await reporter.getByRole('button', { name: 'Quote' }).click();
    await reporter.keyboard.type('The track is good for another thirty years.');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.type('City transport engineer');
    await reporter.keyboard.press('Enter'); // out of the quote, into a new paragraph
    await reporter.getByRole('button', { name: 'Subheading' }).click();
    await reporter.keyboard.type('Who rides it');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.type('Commuters from Podil, mostly. ');
    // Pasted from Google Docs: a <b> wrapper its style says is not bold, bold and italic said by
    // styles alone, which the desk's policy (no inline styles) keeps the browser from applying.
    await reporter.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/html', '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1f2e"><span style="font-weight:400;font-style:normal">Some </span>' +
        '<span style="font-weight:700;font-style:normal">come from Obolon</span><span style="font-weight:400"> and </span><span style="font-weight:400;font-style:italic">a few</span><span style="font-weight:400"> from Troieshchyna.</span></b>');
      data.setData('text/plain', 'Some come from Obolon and a few from Troieshchyna.');
      document.querySelector('.prose').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await expect(body.locator('p', { hasText: 'Commuters from Podil' }).innerHTML()).resolves.toBe(
      'Commuters from Podil, mostly. Some <strong>come from Obolon</strong> and <em>a few</em> from Troieshchyna.',
    );
    await reporter.keyboard.press('Enter');
    // a list: "3. " starts a numbered one (counted from 1, as the story keeps it), Enter adds an
    // item, Enter on an empty item ends it; the toolbar turns it to bullets and back
    await reporter.keyboard.type('3. Podil to Poshtova Square in 12 minutes');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.type('A tram every 20 minutes from 6am');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.press('Enter');
    await expect(body.locator('ol > li').count()).resolves.toBe(2);
    expect(await body.locator('ol').getAttribute('start')).toBeNull();
    await body.getByText('Podil to Poshtova Square in 12 minutes').click();
    await reporter.getByRole('button', { name: 'Bulleted list' }).click();
    await expect(body.locator('ul > li').count()).resolves.toBe(2);
    await reporter.getByRole('button', { name: 'Numbered list' }).click();
    await expect(reporter.getByRole('button', { name: 'Numbered list' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(body.locator('ol > li').count()).resolves.toBe(2);
    await reporter.getByRole('button', { name: 'Quote' }).click(); // after the list
    await reporter.keyboard.type('It is quicker than the metro for me.');
    await reporter.keyboard.press('Enter');
    await reporter.keyboard.type('A commuter from Podil');
    await reporter.keyboard.press('Enter');
    // a picture, uploaded through the desk to drafting, made here: 1200 × 800 pixels
    const picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
    await reporter.getByRole('button', { name: 'Picture' }).click();
    await reporter.getByLabel('Upload a picture').setInputFiles({ name: 'tram.png', mimeType: 'image/png', buffer: picture });
    await reporter.getByText(/^Uploaded: 1200 × 800 pixels/).waitFor();
    await checkScreen(reporter, 'story-image-upload');
    await reporter.getByLabel('Alt text (required)').fill('A blue river tram at Poshtova Square');
    await reporter.getByLabel('Caption').fill('The first tram of the season.');
    await reporter.getByLabel('Credit').fill('Olena Kravets');
    await reporter.getByRole('button', { name: 'Insert block' }).click();
    await expect(reporter.locator('.editor-surface .block-image strong').first().textContent()).resolves.toBe('Picture');
    await reporter.getByRole('button', { name: 'Related story' }).click();
    await reporter.getByLabel('Story URL (required)').fill('https://example.org/news/kyiv-tram-repairs');
    await reporter.getByLabel('Headline (required)').fill('River tram closes for winter repairs');
    await reporter.getByLabel('Teaser').fill('The works were due to take three months.');
    await reporter.getByRole('button', { name: 'Insert block' }).click();
    await reporter.getByText(/^Saved \(version/).waitFor();
    await reporter.getByText('All checks pass: ready to submit.').waitFor();
    await reporter.getByRole('button', { name: 'Preview', exact: true }).click();
    await reporter.frameLocator('iframe.preview-frame').getByRole('img', { name: 'A blue river tram at Poshtova Square' }).waitFor();
    await reporter.getByRole('button', { name: 'Close preview' }).click();
    await reporter.getByRole('button', { name: 'Submit for review' }).click();
    await reporter.getByText('Submitted. Editors see it in their queue now.').waitFor();

    // ---- the editor comments on a block, sees the comment beside it, and approves ----
    const editor = await person();
    await acceptInvitation(editor, editorLink);
    await editor.getByRole('link', { name: headline }).click();
    await editor.getByRole('button', { name: 'Claim this story' }).click();
    await editor.getByText('You claimed the story.').waitFor();
    // by keyboard: Enter opens the block's form, Escape closes it and gives the focus back
    await editor.getByRole('button', { name: 'Comment on block 1', exact: true }).focus();
    await editor.keyboard.press('Enter');
    await editor.getByRole('textbox', { name: 'Comment on block 1', exact: true }).waitFor();
    await editor.keyboard.press('Escape');
    expect(await editor.evaluate('document.activeElement.textContent')).toBe('Comment on block 1');
    await editor.getByRole('button', { name: 'Comment on block 3' }).click();
    await editor.getByRole('textbox', { name: 'Comment on block 3' }).fill('Which contractor did the work?');
    await editor.getByRole('form', { name: 'Comment on block 3' }).getByRole('button', { name: 'Add comment' }).click();
    await editor.getByText('Comment added to block 3.').waitFor();
    // the list as the reporter wrote it, numbered
    await expect(editor.locator('ol li').allTextContents()).resolves.toEqual(['Podil to Poshtova Square in 12 minutes', 'A tram every 20 minutes from 6am']);
    await editor.getByRole('complementary', { name: 'Comments on block 3' }).getByText('Which contractor did the work?').waitFor();
    // the review names the blocks as the editor's toolbar and forms do: a picture, a related story
    await editor.locator('.block-card').filter({ hasText: /^Picture: A blue river tram at Poshtova Square — The first tram of the season\. \(Olena Kravets\)$/ }).first().waitFor();
    await editor.locator('.block-card').filter({ hasText: /^Related story: / }).first().waitFor();
    await checkScreen(editor, 'review-block-comments');
    // ---- a sub-edit of the picture's words: its credit put right in review, the picture kept ----
    await editor.getByText('Edit the text yourself').click();
    const subEdit = editor.locator('form.sub-edit');
    await subEdit.getByText('Body text').click();
    await subEdit.getByLabel('Picture 9, credit', { exact: true }).fill('Olena Kravets / Newsroom');
    // alt text is required: emptied, drafting refuses the edit, and the refusal names the field as the form does
    await subEdit.getByLabel('Picture 9, alt text', { exact: true }).fill('');
    await editor.getByRole('button', { name: 'Save the edit' }).click();
    await editor.getByText(/“Picture 9, alt text” must not be empty/).first().waitFor();
    await subEdit.getByLabel('Picture 9, alt text', { exact: true }).fill('A blue river tram at Poshtova Square');
    await editor.getByRole('button', { name: 'Save the edit' }).click();
    await editor.getByText(/^Your edit is revision \d+, under review with you; what you changed is shown below\.$/).waitFor();
    const creditRow = editor.locator('.diff-table tbody tr').filter({ has: editor.getByRole('rowheader', { name: 'Block 9, picture credit' }) });
    await expect(creditRow.locator('ins').allTextContents()).resolves.toEqual([expect.stringContaining('Newsroom')]);
    // approving without touching the time publishes now: editorial review gets no publishAt
    await expect(editor.getByLabel('Now, as soon as approved').isChecked()).resolves.toBe(true);
    await editor.getByRole('button', { name: 'Approve', exact: true }).click();
    await editor.getByText('Approved; it goes live now.').waitFor();
    const articleId = new URL(editor.url()).pathname.split('/').pop() as string;
    const review = await newsroom.call<{ decisions: { kind: string; publishAt: string | null }[] }>('editorial-review', 'GET', `/v1/reviews/${articleId}`, { role: 'editor', user: 'observer' });
    expect(review.body.decisions).toEqual([expect.objectContaining({ kind: 'approved', publishAt: null })]);
    // decided: the changes shown are still the sub-edit's, against the reporter's revision
    await editor.getByRole('heading', { name: /^Changes since revision \d+$/ }).waitFor();
    await checkScreen(editor, 'review-approved');

    // ---- the public page: dateline, subheadings, quotes with attribution, the teaser, the picture's srcset ----
    const publicLink = reporter.getByRole('link', { name: 'Open the public page' });
    await publicLink.waitFor({ timeout: 30_000 });
    const publicLinkHref = (await publicLink.getAttribute('href')) as string;
    const page = await (await fetch(publicLinkHref)).text();
    for (const text of ['Kyiv', 'What was repaired', 'Who rides it', 'The track is good for another thirty years.', 'City transport engineer', 'A commuter from Podil', 'River tram closes for winter repairs', 'The works were due to take three months.', 'The first tram of the season.', 'Olena Kravets / Newsroom']) {
      expect(page).toContain(text);
    }
    expect(page).toContain('<ol><li>Podil to Poshtova Square in 12 minutes</li><li>A tram every 20 minutes from 6am</li></ol>');
    const image = /<img[^>]*alt="A blue river tram at Poshtova Square"[^>]*>/.exec(page)?.[0] ?? '';
    expect(image).toMatch(/srcset="[^"]*\/320\.webp 320w, [^"]*\/640\.webp 640w, [^"]*\/1024\.webp 1024w, [^"]* 1200w"/);
    const src = /src="([^"]+)"/.exec(image)?.[1] as string;
    expect((await fetch(src)).headers.get('content-type')).toBe('image/png'); // drafting serves it to readers

    // ---- a caption put right on the live story: the words around a picture are words to correct, the picture stays ----
    await editor.getByRole('link', { name: 'Live stories' }).click();
    await editor.getByRole('link', { name: headline }).click();
    await editor.getByLabel('Correction note (shown to readers)').fill('The caption now says where the tram was; the alt text describes the tram.');
    await editor.getByText('Body text').click();
    const caption = editor.getByLabel('Picture 9, caption', { exact: true });
    expect(await caption.inputValue()).toBe('The first tram of the season.');
    expect(await editor.getByLabel('Picture 9, credit', { exact: true }).inputValue()).toBe('Olena Kravets / Newsroom');
    expect(await editor.getByLabel('Related story 10, teaser', { exact: true }).inputValue()).toBe('The works were due to take three months.');
    await caption.fill('The first tram of the season, at Poshtova Square.');
    // alt text is required: emptied, it is sent as such and refused with its reason, and the page keeps its picture's words
    const alt = editor.getByLabel('Picture 9, alt text', { exact: true });
    await alt.fill('');
    await editor.getByRole('button', { name: 'Publish correction' }).click();
    await editor.getByText('The corrected article would not be valid: “Picture 9, alt text” must not be empty (ARTICLE.INVALID_CORRECTION)').waitFor();
    await checkScreen(editor, 'live-story-picture-correction');
    expect(await (await fetch(publicLinkHref)).text()).not.toContain('at Poshtova Square.</figcaption>');
    await alt.fill('A blue river tram waiting at Poshtova Square');
    await editor.getByRole('button', { name: 'Publish correction' }).click();
    await editor.getByText('Correction published.').waitFor();
    await eventually('the corrected caption on the page', async () => (await (await fetch(publicLinkHref)).text()).includes('The first tram of the season, at Poshtova Square.'), { timeoutMs: 15_000 });
    const correctedPage = await (await fetch(publicLinkHref)).text();
    const correctedImage = /<img[^>]*alt="A blue river tram waiting at Poshtova Square"[^>]*>/.exec(correctedPage)?.[0] ?? '';
    expect(correctedImage).toContain(`src="${src}"`); // the same picture, its renditions kept
    expect(correctedImage).toMatch(/srcset="[^"]*\/320\.webp 320w/);
    expect(correctedPage).toContain('Olena Kravets / Newsroom');
    expect(correctedPage).toContain('The caption now says where the tram was');

    // ---- dead letters: a broken event on the review topic, inspected and replayed from the desk ----
    const bus = new TestEventBus(newsroom.broker.brokers);
    try {
      await bus.produce(TOPICS.review, 'not an event', { key: 'desk-dead-letter' });
    } finally {
      await bus.close();
    }
    await admin.getByRole('link', { name: 'Dead letters' }).click();
    const inspect = admin.getByRole('link', { name: /^Inspect dead letter .* of publishing$/ }).first();
    await eventually('the dead letter on the desk', async () => {
      await admin.reload();
      await admin.getByRole('heading', { name: 'publishing', exact: true }).waitFor();
      return (await inspect.count()) > 0;
    }, { timeoutMs: 30_000 });
    await checkScreen(admin, 'dead-letters');
    await inspect.click();
    await admin.getByRole('heading', { name: 'Value as received' }).waitFor();
    await admin.getByText('not an event', { exact: true }).waitFor();
    await admin.getByText('Never replayed.').waitFor();
    await checkScreen(admin, 'dead-letter');
    await admin.getByRole('button', { name: 'Replay this letter' }).click();
    await admin.getByText('Replayed: the event went back to its topic unchanged.').waitFor();
    // the audit entry: who replayed it
    await admin.getByRole('region', { name: 'Replays (audit)' }).getByText(/ by Desk admin$/).waitFor();
    await admin.getByRole('link', { name: 'All dead letters' }).click();
    await admin.getByRole('button', { name: /^Replay all not replayed before: publishing,/ }).first().click();
    await admin.getByText(/^publishing, newsroom\.[a-z.]+\.v1: \d+ sent back/).waitFor();

    // editors only: the reporter has no dead letters screen
    await reporter.goto(`${desk}/dead-letters`);
    await reporter.getByText('Your account does not have the role this screen needs.').waitFor();
  });

  it('lets an admin rename and reorder the site\'s sections, says so when another admin saved first, and the public navigation follows', async () => {
    const admin = await adminSignsIn();
    await admin.getByRole('link', { name: 'Sections' }).click();
    await admin.getByRole('heading', { name: 'Sections', level: 1 }).waitFor();
    await checkScreen(admin, 'sections');

    // Another admin saves first (through the API): this admin's save is refused with 412 and said so.
    const current = await newsroom.call<{ items: { slug: string; label: string }[] }>('publishing', 'GET', '/v1/site/sections', null);
    const other = await newsroom.call('publishing', 'PUT', '/v1/site/sections', { role: 'admin', user: 'other-admin' }, { items: [...current.body.items, { slug: 'sport', label: 'Sport' }] }, { 'if-match': current.headers.get('etag') ?? '' });
    expect(other.status).toBe(200);
    await admin.getByLabel('Label of world').fill('The World');
    await admin.getByLabel('Label of world').press('Tab');
    await admin.getByRole('button', { name: 'Save sections' }).click();
    await admin.getByText(/^Someone else saved the sections since you opened them/).waitFor();
    await admin.getByRole('button', { name: 'Reload the current list' }).click();
    await admin.getByLabel('Label of sport').waitFor();

    // A label too long is refused, said of the row as the screen numbers it, not as the API counts.
    await admin.getByLabel('Label of world').fill('W'.repeat(61));
    await admin.getByLabel('Label of world').press('Tab');
    await admin.getByRole('button', { name: 'Save sections' }).click();
    await admin.getByText(/^The sections were not saved: Section 2 \(“W+”\): its label must be shorter than or equal to 60 characters\.$/).waitFor();
    // Renamed, moved to the top with the keyboard, saved.
    await admin.getByLabel('Label of world').fill('The World');
    await admin.getByLabel('Label of world').press('Tab');
    const up = admin.getByRole('button', { name: 'Move up: The World' });
    await up.focus();
    await admin.keyboard.press('Enter');
    // The moved section is first now: its Move up is disabled and the keyboard stays on its row.
    await expect(admin.getByRole('button', { name: 'Move up: The World' }).isDisabled()).resolves.toBe(true);
    expect(await admin.evaluate(`document.activeElement && document.activeElement.closest('li') && document.activeElement.closest('li').getAttribute('data-slug')`)).toBe('world');
    await admin.getByRole('button', { name: 'Save sections' }).click();
    await admin.getByText(/^Sections saved \(version \d+\)/).waitFor();
    await checkScreen(admin, 'sections-saved');

    const navigation = await eventually('the public navigation with the renamed section first', async () => {
      const front = await (await fetch(newsroom.url('publishing', '/'), { headers: { accept: 'text/html' } })).text();
      const links = [...front.matchAll(/<li><a href="\/sections\/([a-z0-9-]+)">([^<]+)<\/a><\/li>/g)].map((match) => `${match[1]}=${match[2]}`);
      return links[0] === 'world=The World' ? links : undefined;
    });
    expect(navigation).toContain('sport=Sport');

    // Removing a row with the keyboard leaves the focus on the row that took its place, then discarded.
    const second = await admin.evaluate(`document.querySelectorAll('li[data-slug]')[2].getAttribute('data-slug')`);
    await admin.locator('li[data-slug]').nth(1).getByRole('button', { name: /^Remove: / }).focus();
    await admin.keyboard.press('Enter');
    expect(await admin.evaluate(`document.activeElement && document.activeElement.closest('li') && document.activeElement.closest('li').getAttribute('data-slug')`)).toBe(second);
    const rowsLeft = await admin.locator('li[data-slug]').count();

    // Leaving with the list changed asks first; declined, the screen and its changes stay.
    const asked: string[] = [];
    answerNextDialog(admin, 'dismiss', asked);
    await admin.getByRole('link', { name: 'Accounts' }).click();
    expect(asked).toEqual(['Your changes to the sections are not saved. Leave this screen and lose them?']);
    await admin.getByRole('heading', { name: 'Sections', level: 1 }).waitFor();
    expect(await admin.locator('li[data-slug]').count()).toBe(rowsLeft);
    // Back, declined: the screen stays at its address and the history is as it was.
    const entries = await admin.evaluate('history.length');
    answerNextDialog(admin, 'dismiss', asked);
    await admin.goBack();
    await eventually('the address back at the sections', async () => (new URL(admin.url()).pathname === '/sections' ? true : undefined));
    expect(asked).toHaveLength(2);
    expect(await admin.evaluate('history.length')).toBe(entries);
    expect(await admin.locator('li[data-slug]').count()).toBe(rowsLeft);
    await admin.getByRole('button', { name: 'Discard changes' }).click();
    await admin.getByText('Changes discarded.').waitFor();
    // A new section half typed counts too; accepted, the desk moves on.
    await admin.getByLabel('Slug', { exact: true }).fill('weather');
    answerNextDialog(admin, 'accept', asked);
    await admin.getByRole('link', { name: 'Accounts' }).click();
    await admin.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(asked).toHaveLength(3);
    // Nothing typed, nothing asked.
    await admin.getByRole('link', { name: 'Sections' }).click();
    await admin.getByRole('heading', { name: 'Sections', level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'Accounts' }).click();
    await admin.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(asked).toHaveLength(3);

    // Forward, declined, keeps the history too: Back to the sections, a change, Forward declined,
    // then discarded, and Forward still leads to the accounts.
    await admin.goBack();
    await admin.getByRole('heading', { name: 'Sections', level: 1 }).waitFor();
    const length = await admin.evaluate('history.length');
    await admin.locator('li[data-slug]').nth(1).getByRole('button', { name: /^Remove: / }).click();
    answerNextDialog(admin, 'dismiss', asked);
    await admin.goForward();
    await eventually('the address back at the sections', async () => (new URL(admin.url()).pathname === '/sections' ? true : undefined));
    expect(asked).toHaveLength(4);
    expect(await admin.evaluate('history.length')).toBe(length);
    await admin.getByRole('button', { name: 'Discard changes' }).click();
    await admin.getByText('Changes discarded.').waitFor();
    await admin.goForward();
    await admin.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  it('spikes a story the reporter gave up on: off My stories, read-only under Spiked stories, and back as it was when unspiked', async () => {
    const admin = await adminSignsIn();
    const link = await invite(admin, 'sasha@newsroom.test', 'Sasha Spike', ['reporter']);
    const reporter = await person();
    await acceptInvitation(reporter, link);
    await reporter.getByRole('heading', { name: 'My stories' }).waitFor();
    await reporter.getByRole('link', { name: 'New story' }).click();
    const headline = 'Council vote on the ring road postponed';
    await reporter.getByLabel('Headline').fill(headline);
    await reporter.getByLabel('Section').selectOption('politics');
    await reporter.getByRole('textbox', { name: 'Story body' }).click();
    await reporter.keyboard.type('The vote moves to January.');
    await reporter.getByText(/^Saved \(version 1\)/).waitFor();
    // typed just before spiking: saved first, so the spiked story holds it
    await reporter.getByLabel('Headline').fill(`${headline} again`);

    // declined: nothing happens; accepted: spiked, read-only, and said so
    const asked: string[] = [];
    answerNextDialog(reporter, 'dismiss', asked);
    await reporter.getByRole('button', { name: 'Spike' }).click();
    expect(asked).toEqual([expect.stringMatching(/^Spike “Council vote on the ring road postponed( again)?”\? It leaves My stories/)]);
    expect(await reporter.getByLabel('Headline').isEditable()).toBe(true);
    answerNextDialog(reporter, 'accept', asked);
    await reporter.getByRole('button', { name: 'Spike' }).click();
    await reporter.getByText('Spiked. It waits under Spiked stories until you unspike it.').waitFor();
    await reporter.getByText(/^Spiked .* — set aside, off My stories\./).waitFor();
    expect(await reporter.getByLabel('Headline').isEditable()).toBe(false);
    expect(await reporter.getByRole('button', { name: 'Submit for review' }).isVisible()).toBe(false);
    await checkScreen(reporter, 'story-spiked');

    // gone from My stories, listed under Spiked stories, with the text typed last
    await reporter.getByRole('link', { name: 'My stories' }).first().click();
    await reporter.getByText('You have no stories yet.').waitFor();
    await reporter.getByRole('link', { name: 'Spiked stories' }).click();
    await reporter.getByRole('heading', { name: 'Spiked stories', level: 1 }).waitFor();
    await checkScreen(reporter, 'spiked-stories');
    await reporter.getByRole('link', { name: `${headline} again` }).click();

    // unspiked: editable again, back on My stories
    await reporter.getByRole('button', { name: 'Unspike' }).click();
    await reporter.getByText('Unspiked. It is back on My stories, as it was.').waitFor();
    expect(await reporter.getByLabel('Headline').isEditable()).toBe(true);
    await reporter.getByRole('button', { name: 'Spike' }).waitFor();
    await reporter.goto(`${desk}/stories/spiked`);
    await reporter.getByText(/^Nothing is spiked\./).waitFor();
    await reporter.goto(`${desk}/stories`);
    await reporter.getByRole('link', { name: `${headline} again` }).waitFor();
  });
});
