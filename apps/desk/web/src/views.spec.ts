import { onDay, when } from './dom';
import { activityWords, blockOpening, diffHeading, differingFields, fieldsInWords, type ActivityEntry, type Article } from './views';

describe(blockOpening.name, () => {
  it('quotes a block by its opening words, as plain text, cut at a word', () => {
    expect(blockOpening({ type: 'paragraph', text: 'The **N1** runs from [midnight](https://example.org).' })).toBe('The N1 runs from midnight.');
    expect(blockOpening({ type: 'paragraph', text: 'one two three four five six' }, 14)).toBe('one two three…');
    expect(blockOpening({ type: 'image', url: 'https://images.example.org/a.jpg', alt: 'Cranes at dusk' })).toBe('Cranes at dusk');
    expect(blockOpening(undefined)).toBeUndefined();
  });
});

describe(diffHeading.name, () => {
  it('names the revision the diff compares with', () => {
    expect(diffHeading({ fromRevision: 1 })).toBe('Changes since revision 1');
  });

  it('claims no earlier revision for a first submission, decided or not', () => {
    expect(diffHeading(null)).toBe('Changes');
  });
});

describe(activityWords.name, () => {
  const entry = (kind: string, revision: number, publishAt?: string): ActivityEntry => ({ kind, at: '2026-12-01T08:00:00Z', actorId: null, revision, note: null, publishAt });

  it('names the time of a schedule, and calls a second one of the same revision a reschedule', () => {
    const first = '2026-12-02T09:00:00Z';
    const moved = '2026-12-02T11:30:00Z';
    expect(activityWords([entry('approved', 1), entry('scheduled', 1, first), entry('scheduled', 1, moved), entry('published', 1), entry('scheduled', 2, first)])).toEqual([
      'Approved',
      `Scheduled for ${when(first)}`,
      `Rescheduled to ${when(moved)}`,
      'Published',
      `Scheduled for ${when(first)}`,
    ]);
  });

  it('says from whom an editor took a story over, and only while the other editor held it', () => {
    const by = (kind: string, revision: number, actorId: string): ActivityEntry => ({ ...entry(kind, revision), actorId });
    const names: Record<string, string> = { 'u-ed': 'Ed Editor', 'u-eve': 'Eve Editor' };
    const timeline = [
      by('submitted', 2, 'u-rhea'),
      by('review_claimed', 2, 'u-ed'),
      by('review_claimed', 2, 'u-eve'),
      by('review_claimed', 2, 'u-eve'),
      by('changes_requested', 2, 'u-eve'),
      by('submitted', 3, 'u-rhea'),
      by('review_claimed', 3, 'u-ed'),
    ];
    expect(activityWords(timeline, (id) => names[id] ?? id)).toEqual([
      'Submitted for review',
      'Taken for review',
      'Taken over from Ed Editor',
      // the same editor's claim recorded twice (drafting records it once; the words must not depend on that) takes nothing from anyone
      'Taken for review',
      'Changes requested',
      'Submitted for review',
      // a newer revision is nobody's until claimed: Ed's claim of it takes it from no one
      'Taken for review',
    ]);
  });

  it('says only the word for a schedule entry kept from before its time was recorded', () => {
    expect(activityWords([entry('scheduled', 1), entry('scheduled', 1, null as unknown as string)])).toEqual(['Scheduled', 'Rescheduled']);
  });
});

describe(differingFields.name, () => {
  const saved: Article = {
    headline: 'Night bus line opens',
    dateline: { date: '2026-11-30', place: 'Harwick' },
    section: 'politics',
    tags: [],
    bylines: [{ name: 'Rhea Reporter' }],
    language: 'en',
    body: [{ type: 'paragraph', text: 'The N1 runs from midnight.' }],
  };

  it('sees no difference where a reader sees none: key order, and an empty value against none', () => {
    const typed = { ...saved, dateline: { place: 'Harwick', date: '2026-11-30' }, tags: undefined, standfirst: '' } as unknown as Article;
    expect(differingFields(typed, saved)).toBe('');
  });

  it('names the fields that differ, in the form\'s order', () => {
    expect(differingFields({ ...saved, headline: 'Night bus line opens today' }, saved)).toBe('the headline');
    expect(differingFields({ ...saved, body: [], tags: ['transport'], headline: 'x' }, saved)).toBe('the headline, the tags and the body');
  });

  it('reads a tag typed in other words as a change of the tags, and the same words as none', () => {
    const tagged = { ...saved, tags: ['gdansk-street'] };
    expect(differingFields({ ...tagged, tagLabels: { 'gdansk-street': 'Gdańsk Street' } }, tagged)).toBe('the tags');
    expect(differingFields({ ...tagged, tagLabels: { 'gdansk-street': 'Gdańsk Street' } }, { ...tagged, tagLabels: { 'gdansk-street': 'Gdańsk Street' } })).toBe('');
  });
});

describe(fieldsInWords.name, () => {
  it('names fields in the reporter\'s words and the form\'s order, whatever order they come in', () => {
    expect(fieldsInWords([])).toBe('');
    expect(fieldsInWords(['body'])).toBe('the body');
    expect(fieldsInWords(['body', 'headline'])).toBe('the headline and the body');
    expect(fieldsInWords(['body', 'bylines', 'standfirst'])).toBe('the standfirst, the bylines and the body');
  });

  it('keeps a field it has no words for, last, rather than dropping it', () => {
    expect(fieldsInWords(['priority', 'headline'])).toBe('the headline and priority');
  });
});

describe(onDay.name, () => {
  it('writes a dateline\'s calendar date as the desk writes dates, the same day wherever it is read', () => {
    const written = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 4));
    expect(onDay('2026-12-04')).toBe(written);
    expect(onDay('2026-12-04')).not.toContain('2026-12-04');
    expect(onDay('2026-01-01')).toContain('2026');
  });

  it('leaves what is not a calendar day as written', () => {
    for (const text of ['2026-02-30', '2026-13-01', '4 Dec 2026', '', '2026-12-04T10:00:00Z']) expect(onDay(text)).toBe(text);
  });
});
