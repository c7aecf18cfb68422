import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEFAULT_DIGEST_LOCAL_TIME, NotificationsEnv } from './notifications.config';

describe('DIGEST_LOCAL_TIME', () => {
  const problems = (value: string) =>
    validateSync(plainToInstance(NotificationsEnv, { DIGEST_LOCAL_TIME: value }), { skipMissingProperties: true })
      .filter((error) => error.property === 'DIGEST_LOCAL_TIME')
      .flatMap((error) => Object.values(error.constraints ?? {}));

  it('takes a wall-clock time on the 24-hour clock, as quiet hours do', () => {
    for (const good of [DEFAULT_DIGEST_LOCAL_TIME, '00:00', '23:59', '12:30']) expect([good, problems(good)]).toEqual([good, []]);
  });

  it('refuses anything else with a message that shows the shape', () => {
    for (const bad of ['7:00', '24:00', '07:60', '07:00:00', '7am', ' 07:00', '']) {
      expect([bad, problems(bad)]).toEqual([bad, ['DIGEST_LOCAL_TIME must be HH:MM on the 24-hour clock, e.g. 07:00']]);
    }
  });
});
