import { DomainError } from '@newsroom/contracts';
import { strictValidationPipe } from '@newsroom/platform';
import { linkInvalid } from '../../shared/links/link.errors';
import { normalizePreferences, type PreferencesInput } from '../domain/preferences';
import { formProblemsOf, submittedFormOf, withOtherRefusals } from './form-refusal';
import { PreferencesForm, preferencesOfForm, signupChoiceOfForm, SubscribeForm } from './subscription.requests';

const SECTIONS = ['politics', 'world'];

/** The error the domain throws for these preferences (what the use cases let through). */
function refusalOf(input: PreferencesInput, channel: 'email' | 'push' = 'email'): unknown {
  try {
    normalizePreferences(input, SECTIONS, channel);
  } catch (error) {
    return error;
  }
  throw new Error('expected the preferences to be refused');
}

/** The error the routes' validation pipe throws for this form body. */
async function validationRefusalOf(body: Record<string, unknown>, form: typeof PreferencesForm = SubscribeForm): Promise<unknown> {
  try {
    await strictValidationPipe().transform(body, { type: 'body', metatype: form });
  } catch (error) {
    return error;
  }
  throw new Error('expected the form to be refused');
}

describe(formProblemsOf.name, () => {
  const sent = (fields: Record<string, unknown>) => submittedFormOf({ sections: 'politics', ...fields });

  it('asks for both quiet-hours times at the one left empty, whichever it is', () => {
    const untilEmpty = refusalOf({ sections: ['politics'], quietHours: { start: '22:00', end: '' } });
    expect(formProblemsOf(untilEmpty, sent({ quietHoursStart: '22:00' }))).toEqual([
      { field: 'quietHoursEnd', message: 'Give both times for quiet hours (from and until), or leave both empty' },
    ]);
    const fromEmpty = refusalOf({ sections: ['politics'], quietHours: { start: '', end: '07:00' } });
    expect(formProblemsOf(fromEmpty, sent({ quietHoursEnd: '07:00' }))).toEqual([
      { field: 'quietHoursStart', message: 'Give both times for quiet hours (from and until), or leave both empty' },
    ]);
  });

  it('says what is wrong with quiet hours that are given: not a 24-hour time, or the same time twice', () => {
    expect(formProblemsOf(refusalOf({ sections: ['politics'], quietHours: { start: '22:00', end: '7pm' } }), sent({ quietHoursStart: '22:00', quietHoursEnd: '7pm' }))).toEqual([
      { field: 'quietHoursEnd', message: 'Give quiet hours as times on the 24-hour clock, such as 22:00 until 07:00' },
    ]);
    expect(formProblemsOf(refusalOf({ sections: ['politics'], quietHours: { start: '22:00', end: '22:00' } }), sent({ quietHoursStart: '22:00', quietHoursEnd: '22:00' }))).toEqual([
      { field: 'quietHoursEnd', message: 'Quiet hours need to end at a different time from when they start' },
    ]);
  });

  it('words the other refusals of the preferences for a reader, at their field', () => {
    const values = sent({});
    expect(formProblemsOf(refusalOf({ sections: ['politics'], timeZone: 'Mars/Olympus_Mons' }), values)).toEqual([
      { field: 'timeZone', message: 'That time zone is not known; use a name such as Europe/Kyiv' },
    ]);
    expect(formProblemsOf(refusalOf({ sections: ['politcs'] }), values)).toEqual([
      { field: 'sections', message: 'There is no section “politcs” on the site; choose sections from the list' },
    ]);
    expect(formProblemsOf(refusalOf({ frequency: 'daily-digest' }), values)).toEqual([
      { field: 'sections', message: 'Tick at least one section or write a tag to follow, or choose breaking news only' },
    ]);
    expect(formProblemsOf(refusalOf({ sections: ['politics'], frequency: 'hourly' }), values)).toEqual([{ field: 'frequency', message: 'Choose how often you want alerts' }]);
    expect(formProblemsOf(refusalOf({ sections: ['politics'], frequency: 'daily-digest' }, 'push'), values)).toEqual([{ field: 'frequency', message: 'Choose how often you want alerts' }]);
    expect(formProblemsOf(refusalOf({ tags: ['?!'] }), values)).toEqual([{ field: 'tags', message: expect.stringMatching(/^Write tags as words separated by commas/) }]);
    // No developer's wording reaches the reader.
    for (const input of [{ quietHours: { start: '22:00', end: '' } }, { frequency: 'hourly' }, { tags: ['?!'] }, { timeZone: 'Nowhere' }]) {
      const [problem] = formProblemsOf(refusalOf({ sections: ['politics'], ...input }), sent({ quietHoursStart: '22:00' }))!;
      expect(problem.message).not.toMatch(/quietHours|HH:MM|slug|frequency must|timeZone/);
    }
  });

  it('words what the form validation refuses by the field it names, and the rest as the form\'s', async () => {
    expect(formProblemsOf(await validationRefusalOf({ email: 'not-an-email' }), sent({}))).toEqual([
      { field: 'email', message: 'Enter an e-mail address such as name@example.com' },
    ]);
    expect(formProblemsOf(await validationRefusalOf({}), sent({}))).toEqual([{ field: 'email', message: 'Enter an e-mail address such as name@example.com' }]);
    expect(formProblemsOf(await validationRefusalOf({ email: 'a@example.com', tags: Array.from({ length: 51 }, (_, n) => `tag-${n}`), quietHoursStart: '22:00:00.000' }), sent({}))).toEqual([
      { field: 'tags', message: expect.stringMatching(/^Write tags as words separated by commas, e.g. ukraine, climate-change: at most 50 tags of up to 40 characters each$/) },
      { field: 'quietHoursStart', message: 'Give quiet hours as times on the 24-hour clock, such as 22:00 until 07:00' },
    ]);
    expect(formProblemsOf(await validationRefusalOf({ sections: 'politics', surprise: 'x' }, PreferencesForm), sent({}))).toEqual([
      { message: 'Part of the form could not be read. Check your choices and send it again' },
    ]);
  });

  it('leaves every refusal that is not about the fields to its error page', () => {
    expect(formProblemsOf(linkInvalid(), sent({}))).toBeUndefined();
    expect(formProblemsOf(new DomainError('REQUEST.RATE_LIMITED', 'Too many', 'rate_limited'), sent({}))).toBeUndefined();
    expect(formProblemsOf(new DomainError('SUBSCRIBER.UNSUBSCRIBED', 'Gone', 'conflict'), sent({}))).toBeUndefined();
    expect(formProblemsOf(new Error('database down'), sent({}))).toBeUndefined();
  });
});

describe(submittedFormOf.name, () => {
  it('keeps the fields as the reader sent them: tags as typed, sections one per box or in a list', () => {
    expect(
      submittedFormOf({
        email: 'reader@example',
        sections: ['politics', 'world'],
        tags: 'River Harle, a"><script>',
        frequency: 'daily-digest',
        timeZone: 'Europe/Kyiv',
        quietHoursStart: '22:00',
        quietHoursEnd: '',
        returnTo: 'https://news.example/a',
      }),
    ).toEqual({
      email: 'reader@example',
      sections: ['politics', 'world'],
      tags: 'River Harle, a"><script>',
      frequency: 'daily-digest',
      timeZone: 'Europe/Kyiv',
      quietHoursStart: '22:00',
      quietHoursEnd: '',
      returnTo: 'https://news.example/a',
    });
    expect(submittedFormOf({ sections: 'politics, world' }).sections).toEqual(['politics', 'world']);
    expect(submittedFormOf({ tags: ['harbour', 'budget'] }).tags).toBe('harbour, budget');
  });

  it('reads the older checkbox as its frequency, and what is not text as nothing', () => {
    expect(submittedFormOf({ breakingOnly: 'on' }).frequency).toBe('breaking-only');
    expect(submittedFormOf({ breakingOnly: 'on', frequency: 'every-story' }).frequency).toBe('every-story');
    expect(submittedFormOf({}).frequency).toBe('every-story');
    expect(submittedFormOf({ email: { nested: 'x' }, timeZone: ['Europe/Kyiv', 'UTC'], sections: [{ a: 1 }, 'world'] })).toMatchObject({ email: '', timeZone: 'Europe/Kyiv', sections: ['world'] });
    expect(submittedFormOf(undefined)).toMatchObject({ email: '', sections: [], tags: '' });
    expect(submittedFormOf({})).not.toHaveProperty('returnTo');
  });
});

describe(withOtherRefusals.name, () => {
  /** The problems a refused form shows: the refusal the route met first, then every other. */
  const problemsOf = (body: Record<string, unknown>, choice = signupChoiceOfForm) => {
    const values = submittedFormOf(body);
    const first = formProblemsOf(refusalOf(choice(Object.assign(new PreferencesForm(), body))), values) ?? [];
    return withOtherRefusals(first, body, choice, SECTIONS, values);
  };

  it('names every input to fix at once: an unknown time zone and a missing end of quiet hours', () => {
    expect(problemsOf({ sections: 'politics', timeZone: 'Mars/Olympus', quietHoursStart: '22:00' })).toEqual([
      { field: 'timeZone', message: expect.stringMatching(/time zone is not known/) },
      { field: 'quietHoursEnd', message: expect.stringMatching(/both times/) },
    ]);
  });

  it('adds the domain\'s refusals to what the form validation refused, one problem per input', async () => {
    const body = { email: 'not-an-address', sections: 'politics', timeZone: 'Nowhere/Land', quietHoursStart: '22:00', quietHoursEnd: '22:00' };
    const values = submittedFormOf(body);
    const first = formProblemsOf(await validationRefusalOf(body), values) ?? [];
    expect(first.map((problem) => problem.field)).toEqual(['email']);
    expect(withOtherRefusals(first, body, signupChoiceOfForm, SECTIONS, values).map((problem) => problem.field)).toEqual(['email', 'timeZone', 'quietHoursEnd']);
  });

  it('names an unknown section, a bad frequency and quiet hours together on the preference form', () => {
    const problems = problemsOf({ sections: 'politcs', frequency: 'hourly', quietHoursStart: '25:00', quietHoursEnd: '07:00' }, preferencesOfForm);
    expect(problems.map((problem) => problem.field)).toEqual(['sections', 'frequency', 'quietHoursStart']);
    expect(problems[0].message).toMatch(/“politcs”/);
  });

  it('adds nothing to a form with one mistake, or to a body it cannot read', () => {
    expect(problemsOf({ sections: 'politics', timeZone: 'Mars/Olympus' })).toHaveLength(1);
    const first = [{ field: 'email' as const, message: 'Enter an e-mail address such as name@example.com' }];
    expect(withOtherRefusals(first, 'email=x', signupChoiceOfForm, SECTIONS, submittedFormOf('email=x'))).toEqual(first);
    expect(withOtherRefusals(first, { sections: [{ nested: true }], tags: 42 }, signupChoiceOfForm, SECTIONS, submittedFormOf({}))).toEqual(first);
  });
});
