import { smtpUrlWithTimeouts } from './mailer';

describe('smtpUrlWithTimeouts', () => {
  it('adds bounded timeouts to an SMTP URL', () => {
    const url = new URL(smtpUrlWithTimeouts('smtp://user:pass@mail.example:2525'));
    expect(url.searchParams.get('connectionTimeout')).toBe('10000');
    expect(url.searchParams.get('socketTimeout')).toBe('30000');
    expect(url.username).toBe('user');
    expect(url.port).toBe('2525');
  });

  it('keeps timeouts the operator chose', () => {
    const url = new URL(smtpUrlWithTimeouts('smtps://mail.example/?socketTimeout=5000&pool=true'));
    expect(url.searchParams.get('socketTimeout')).toBe('5000');
    expect(url.searchParams.get('pool')).toBe('true');
  });
});
