import { isTimeZone } from './time-zone';

describe('isTimeZone', () => {
  it('takes IANA names the runtime knows, Etc zones included', () => {
    for (const zone of ['UTC', 'Europe/Kyiv', 'Europe/Kiev', 'America/Argentina/Buenos_Aires', 'Etc/GMT+2', 'America/Port-au-Prince']) {
      expect([zone, isTimeZone(zone)]).toEqual([zone, true]);
    }
  });

  it('refuses fixed offsets, which Intl accepts but which have no daylight-saving rules', () => {
    for (const zone of ['+02:00', '-0500', '+14', '00:00']) expect([zone, isTimeZone(zone)]).toEqual([zone, false]);
  });

  it('refuses unknown names, other shapes and non-strings', () => {
    for (const zone of ['Mars/Olympus', '', ' UTC', 'Europe/' + 'K'.repeat(60), '../etc/passwd', 42, null, undefined]) {
      expect([zone, isTimeZone(zone)]).toEqual([zone, false]);
    }
  });
});
