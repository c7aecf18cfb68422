import { screenshotToLookAt, screenshotsWanted } from './screenshots';

describe('screenshots to look at', () => {
  it('are taken on a developer\'s machine and skipped in CI, unless SCREENSHOTS says otherwise', () => {
    expect(screenshotsWanted({})).toBe(true);
    expect(screenshotsWanted({ CI: 'false' })).toBe(true);
    expect(screenshotsWanted({ CI: 'true' })).toBe(false);
    expect(screenshotsWanted({ CI: '1' })).toBe(false);
    expect(screenshotsWanted({ CI: 'true', SCREENSHOTS: 'on' })).toBe(true);
    expect(screenshotsWanted({ SCREENSHOTS: 'OFF' })).toBe(false);
  });

  it('refuses a SCREENSHOTS value it does not know rather than guess', () => {
    expect(() => screenshotsWanted({ SCREENSHOTS: 'yes' })).toThrow('SCREENSHOTS must be "on" or "off", not "yes"');
  });

  it('writes a whole page when wanted and nothing otherwise', async () => {
    const taken: unknown[] = [];
    const page = { screenshot: async (options: unknown) => taken.push(options) };
    const saved = { ...process.env };
    try {
      process.env.SCREENSHOTS = 'on';
      await screenshotToLookAt(page, '/tmp/a.png');
      await screenshotToLookAt(page, '/tmp/b.png', false);
      process.env.SCREENSHOTS = 'off';
      await screenshotToLookAt(page, '/tmp/c.png');
    } finally {
      process.env = saved;
    }
    expect(taken).toEqual([
      { path: '/tmp/a.png', fullPage: true },
      { path: '/tmp/b.png', fullPage: false },
    ]);
  });
});
