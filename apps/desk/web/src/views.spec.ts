import { blockOpening, diffHeading } from './views';

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
