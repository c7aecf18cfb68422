import { approvalFrom, scheduleTimeProblem } from './approval';
import { fromLocalInput } from './dom';

/** A moment shortly before the times these cases choose. */
const SPRING_2030 = new Date('2030-04-20T00:00:00Z');

describe(approvalFrom.name, () => {
  const untouched = { timing: 'now' as const, publishAt: '', embargoUntil: '', priority: 'normal' };

  it('publishes now when the editor chose no time: no publishAt is sent', () => {
    expect(approvalFrom(untouched)).toEqual({ body: { priority: 'normal' }, outcome: 'Approved; it goes live now.' });
  });

  it('ignores a time typed before switching back to now', () => {
    expect(approvalFrom({ ...untouched, publishAt: '2030-05-01T09:30' })).toEqual({ body: { priority: 'normal' }, outcome: 'Approved; it goes live now.' });
  });

  it('schedules only when the editor chose a time, sent with its zone', () => {
    const approval = approvalFrom({ ...untouched, timing: 'at', publishAt: '2030-05-01T09:30', priority: 'breaking' }, SPRING_2030);
    expect(approval).toEqual({ body: { priority: 'breaking', publishAt: fromLocalInput('2030-05-01T09:30') }, outcome: expect.stringMatching(/^Approved; it goes live .*2030.*\.$/) });
  });

  it('sends nothing when the chosen time has passed, instead of publishing at once while saying it waits', () => {
    const now = new Date('2030-05-01T10:00:00Z');
    const past = approvalFrom({ ...untouched, timing: 'at', publishAt: '2026-12-01T09:00' }, now);
    expect(past).toEqual({ problem: expect.stringMatching(/^That time \(.*2026.*\) has passed\. Choose a later one, or publish it now\.$/) });
    expect(approvalFrom({ ...untouched, timing: 'at', publishAt: '2030-05-01T09:30' }, SPRING_2030)).toHaveProperty('body');
  });

  it('sends nothing when the editor chose a time but gave none', () => {
    expect(approvalFrom({ ...untouched, timing: 'at' })).toEqual({ problem: 'Choose the date and time to publish it, or publish it now.' });
  });

  it('keeps the embargo with either choice and says the story waits for it', () => {
    const approval = approvalFrom({ ...untouched, embargoUntil: '2030-05-02T06:00' }, SPRING_2030);
    expect(approval).toEqual({
      body: { priority: 'normal', embargoUntil: fromLocalInput('2030-05-02T06:00') },
      outcome: expect.stringMatching(/^Approved; it goes live when the embargo lifts \(.*2030.*\)\.$/),
    });
  });

  it('says a time is held by a later embargo, and that an embargo already lifted changes nothing', () => {
    const now = new Date('2030-05-01T00:00:00Z');
    const later = approvalFrom({ ...untouched, timing: 'at', publishAt: '2030-05-01T09:30', embargoUntil: '2030-05-02T06:00' }, now);
    expect(later).toMatchObject({ outcome: expect.stringMatching(/^Approved; it goes live when the embargo lifts \(.*2030.*\), later than the time chosen \(.*2030.*\)\.$/) });
    const lifted = approvalFrom({ ...untouched, embargoUntil: '2020-01-01T00:00' }, now);
    expect(lifted).toMatchObject({ outcome: 'Approved; it goes live now.' });
  });

  it('sends nothing for a time more than a year ahead (a typo in the year), to publish or as an embargo', () => {
    const far = approvalFrom({ ...untouched, timing: 'at', publishAt: '2206-05-01T09:30' }, SPRING_2030);
    expect(far).toEqual({ problem: expect.stringMatching(/^The time to publish \(.*2206.*\) is more than a year ahead\. Check the year\.$/) });
    expect(approvalFrom({ ...untouched, embargoUntil: '2031-06-01T09:00' }, SPRING_2030)).toEqual({ problem: expect.stringMatching(/^The embargo .* is more than a year ahead/) });
    expect(approvalFrom({ ...untouched, timing: 'at', publishAt: '2031-04-20T00:00' }, SPRING_2030)).toHaveProperty('body');
  });
});

describe(scheduleTimeProblem.name, () => {
  const before = new Date('2030-03-01T00:00:00Z');

  it('names a time the clock skips when it goes forward, and what the browser made of it', () => {
    // A browser reads a skipped time (02:30 on a spring night in New York) an hour on: the time read back is not the one typed.
    const movedOn = new Date(Date.parse(fromLocalInput('2030-03-10T02:30') as string) + 3_600_000).toISOString();
    expect(scheduleTimeProblem('The time to publish', '2030-03-10T02:30', movedOn, before)).toMatch(
      /^The time to publish \(2030-03-10 02:30\) does not exist on your clock: the clocks go forward then\. It would be .*; choose that or another time\.$/,
    );
  });

  it('has nothing to say of a time that reads back as typed, within the year', () => {
    expect(scheduleTimeProblem('The time to publish', '2030-03-10T04:30', fromLocalInput('2030-03-10T04:30') as string, before)).toBeUndefined();
  });
});
