import { LOCAL_NETWORK_ENDPOINTS } from '../../../test/fixtures';
import { DEFAULT_PUSH_SERVICE_HOSTS, PushServiceAllowList } from './push-services';

const browsers = PushServiceAllowList.parse(DEFAULT_PUSH_SERVICE_HOSTS);
const allowed = (list: PushServiceAllowList, endpoint: string) => list.allows(new URL(endpoint));

describe(PushServiceAllowList.name, () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
    'https://fcm.googleapis.com:443/fcm/send/abc',
    'https://FCM.GoogleAPIs.com/fcm/send/abc',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAAB',
    'https://db5p.notify.windows.com/w/?token=BQYAAAB',
    'https://wns2-by3p.notify.windows.com/w/?token=x',
    'https://web.push.apple.com/QGuQyavXutnMH',
  ])('allows the browsers’ push services by default: %s', (endpoint) => {
    expect(allowed(browsers, endpoint)).toBe(true);
  });

  it.each([
    ...LOCAL_NETWORK_ENDPOINTS,
    'https://192.168.1.1/push',
    'https://[fe80::1]/push',
    'https://0.0.0.0/push',
    'https://fcm.googleapis.com./fcm/send/abc',
    'https://evilfcm.googleapis.com/fcm/send/abc',
    'https://notify.windows.com/w/?token=x',
    'https://fcm.googleapis.com@127.0.0.1/push',
    'https://user:pw@fcm.googleapis.com/fcm/send/abc',
    'http://fcm.googleapis.com/fcm/send/abc',
  ])('refuses %s by default', (endpoint) => {
    expect(allowed(browsers, endpoint)).toBe(false);
  });

  it('allows an address only where it is listed, and only on its port', () => {
    const local = PushServiceAllowList.parse('fcm.googleapis.com, 127.0.0.1:19443');
    expect(allowed(local, 'https://127.0.0.1:19443/push/abc')).toBe(true);
    expect(allowed(local, 'https://127.0.0.1:5432/')).toBe(false);
    expect(allowed(local, 'https://127.0.0.1/push/abc')).toBe(false);
    expect(allowed(local, 'https://localhost:19443/push/abc')).toBe(false);
    expect(allowed(local, 'https://[::1]:19443/push/abc')).toBe(false);
    expect(local.listsAddress('127.0.0.1', 19443)).toBe(true);
    expect(local.listsAddress('127.0.0.1', 5432)).toBe(false);
    expect(local.listsAddress('::ffff:127.0.0.1', 19443)).toBe(false);
  });

  it('compares IPv6 addresses the way the URL parser writes them', () => {
    const local = PushServiceAllowList.parse('[0:0:0:0:0:0:0:1]:8443');
    expect(allowed(local, 'https://[::1]:8443/push/abc')).toBe(true);
    expect(local.listsAddress('::1', 8443)).toBe(true);
  });

  it('matches a wildcard below its domain, never the domain itself or a lookalike', () => {
    const wns = PushServiceAllowList.parse('*.notify.windows.com');
    expect(allowed(wns, 'https://a.b.notify.windows.com/w')).toBe(true);
    expect(allowed(wns, 'https://notify.windows.com/w')).toBe(false);
    expect(allowed(wns, 'https://xnotify.windows.com/w')).toBe(false);
  });

  it.each(['', ' , ', 'https://fcm.googleapis.com', 'fcm.googleapis.com/path', 'localhost', '*.127.0.0.1', '*', 'user@fcm.googleapis.com', 'fcm.googleapis.com:99999'])(
    'refuses the setting %j with a reason',
    (list) => {
      expect(() => PushServiceAllowList.parse(list)).toThrow(/push services is empty|is not/);
    },
  );

  it('describes itself as configured, for error messages', () => {
    expect(PushServiceAllowList.parse('FCM.googleapis.com:443, *.notify.windows.com, 127.0.0.1:8443').describe()).toBe(
      'fcm.googleapis.com, *.notify.windows.com, 127.0.0.1:8443',
    );
  });
});
