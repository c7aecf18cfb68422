import { SUBSCRIBER_CSV_HEADER, subscriberCsvLine } from './subscriber-csv';

const record = {
  id: '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11',
  email: 'ann@example.com',
  status: 'confirmed' as const,
  sections: ['politics', 'world'],
  tags: [],
  frequency: 'every-story' as const,
  breakingOnly: false,
  timeZone: 'Europe/Kyiv',
  quietHours: { start: '22:00', end: '07:00' },
  createdAt: new Date('2026-11-30T08:00:00Z'),
  confirmedAt: new Date('2026-11-30T08:05:00Z'),
  unsubscribedAt: null,
  bounced: false,
  bouncedAt: null,
  bounceCode: null,
};

describe(subscriberCsvLine.name, () => {
  it('writes one CRLF line with the header\'s columns', () => {
    expect(subscriberCsvLine(record)).toBe(
      '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11,ann@example.com,confirmed,politics world,,false,2026-11-30T08:00:00.000Z,2026-11-30T08:05:00.000Z,,every-story,Europe/Kyiv,22:00-07:00\r\n',
    );
    expect(SUBSCRIBER_CSV_HEADER.split(',')).toHaveLength(subscriberCsvLine(record).split(',').length);
  });

  it('quotes what needs quoting and keeps spreadsheets from running an address as a formula', () => {
    expect(subscriberCsvLine({ ...record, email: '"a,b"@example.com' })).toContain(',"""a,b""@example.com",');
    expect(subscriberCsvLine({ ...record, email: '=HYPERLINK("x")@example.com' })).toContain(`,"'=HYPERLINK(""x"")@example.com",`);
    expect(subscriberCsvLine({ ...record, email: '+1@example.com' })).toContain(",'+1@example.com,");
  });
});
