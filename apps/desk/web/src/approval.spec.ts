import { approvalFrom } from './approval';
import { fromLocalInput } from './dom';

describe(approvalFrom.name, () => {
  const untouched = { timing: 'now' as const, publishAt: '', embargoUntil: '', priority: 'normal' };

  it('publishes now when the editor chose no time: no publishAt is sent', () => {
    expect(approvalFrom(untouched)).toEqual({ body: { priority: 'normal' }, outcome: 'Approved; it goes live now.' });
  });

  it('ignores a time typed before switching back to now', () => {
    expect(approvalFrom({ ...untouched, publishAt: '2030-05-01T09:30' })).toEqual({ body: { priority: 'normal' }, outcome: 'Approved; it goes live now.' });
  });

  it('schedules only when the editor chose a time, sent with its zone', () => {
    const approval = approvalFrom({ ...untouched, timing: 'at', publishAt: '2030-05-01T09:30', priority: 'breaking' });
    expect(approval).toEqual({ body: { priority: 'breaking', publishAt: fromLocalInput('2030-05-01T09:30') }, outcome: expect.stringMatching(/^Approved; it goes live .*2030.*\.$/) });
  });

  it('sends nothing when the chosen time has passed, instead of publishing at once while saying it waits', () => {
    const now = new Date('2030-05-01T10:00:00Z');
    const past = approvalFrom({ ...untouched, timing: 'at', publishAt: '2026-12-01T09:00' }, now);
    expect(past).toEqual({ problem: expect.stringMatching(/^That time \(.*2026.*\) has passed\. Choose a later one, or publish it now\.$/) });
    expect(approvalFrom({ ...untouched, timing: 'at', publishAt: '2030-05-01T09:30' }, new Date('2020-01-01T00:00:00Z'))).toHaveProperty('body');
  });

  it('sends nothing when the editor chose a time but gave none', () => {
    expect(approvalFrom({ ...untouched, timing: 'at' })).toEqual({ problem: 'Choose the date and time to publish it, or publish it now.' });
  });

  it('keeps the embargo with either choice and says the story waits for it', () => {
    const approval = approvalFrom({ ...untouched, embargoUntil: '2030-05-02T06:00' });
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
});
