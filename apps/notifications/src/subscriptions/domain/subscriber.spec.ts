import { DomainError } from '@newsroom/contracts';
import { preferences } from '../../../test/fixtures';
import { LINK_EMAIL_INTERVAL_MS, Subscriber } from './subscriber';

const t0 = new Date('2025-11-21T08:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const politics = preferences({ sections: ['politics'] });
const sport = preferences({ sections: ['sport'] });

describe(Subscriber.name, () => {
  it('starts pending, with the confirmation email counted as sent', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    expect(s.status).toBe('pending');
    expect(s.linkSentAt).toEqual(t0);
    expect(s.receivesAlerts).toBe(false);
  });

  it('re-sends the confirmation to a pending address at most once a minute, taking the new preferences', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    expect(s.signUpAgain(sport, later(10_000))).toBe('none');
    expect(s.preferences).toEqual(sport);
    expect(s.signUpAgain(sport, later(LINK_EMAIL_INTERVAL_MS))).toBe('confirmation');
    expect(s.linkSentAt).toEqual(later(LINK_EMAIL_INTERVAL_MS));
  });

  it('changes nothing for a confirmed address and sends a manage link instead', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    s.confirm(later(1000));
    expect(s.signUpAgain(sport, later(LINK_EMAIL_INTERVAL_MS + 1000))).toBe('manage-link');
    expect(s.preferences).toEqual(politics);
    expect(s.status).toBe('confirmed');
    expect(s.signUpAgain(sport, later(LINK_EMAIL_INTERVAL_MS + 2000))).toBe('none');
  });

  it('makes an unsubscribed address pending again, to be confirmed again', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    s.confirm(later(1000));
    expect(s.unsubscribe(later(2000))).toBe(true);
    expect(s.signUpAgain(sport, later(LINK_EMAIL_INTERVAL_MS * 2))).toBe('confirmation');
    expect(s.status).toBe('pending');
    expect(s.snapshot().unsubscribedAt).toBeNull();
    expect(s.preferences).toEqual(sport);
  });

  it('confirms once; a second click changes nothing', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    expect(s.confirm(later(1000))).toBe(true);
    expect(s.confirm(later(2000))).toBe(false);
    expect(s.snapshot().confirmedAt).toEqual(later(1000));
    expect(s.receivesAlerts).toBe(true);
  });

  it('does not let an old confirmation link undo an unsubscribe', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    s.unsubscribe(later(1000));
    expect(() => s.confirm(later(2000))).toThrow(DomainError);
    expect(s.status).toBe('unsubscribed');
  });

  it('unsubscribes idempotently and refuses preference changes afterwards', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    expect(s.unsubscribe(later(1))).toBe(true);
    expect(s.unsubscribe(later(2))).toBe(false);
    expect(s.snapshot().unsubscribedAt).toEqual(later(1));
    expect(() => s.changePreferences(sport)).toThrow(expect.objectContaining({ code: 'SUBSCRIBER.UNSUBSCRIBED' }));
  });

  it('stops alerts to a bounced address until its owner signs up and confirms again', () => {
    const s = Subscriber.signUp('id', 'a@example.com', politics, t0);
    s.confirm(later(1000));
    expect(s.markBounced(550, later(2000))).toBe(true);
    expect(s.markBounced(551, later(3000))).toBe(false);
    expect(s.snapshot().bounce).toEqual({ at: later(2000), code: 550 });
    expect(s.receivesAlerts).toBe(false);
    // An old confirmation link is a second click, not an opt-in: still bounced.
    expect(s.confirm(later(4000))).toBe(false);
    expect(s.bounced).toBe(true);

    expect(s.signUpAgain(sport, later(LINK_EMAIL_INTERVAL_MS * 2))).toBe('confirmation');
    expect(s.status).toBe('pending');
    expect(s.preferences).toEqual(sport);
    expect(s.receivesAlerts).toBe(false);
    expect(s.confirm(later(LINK_EMAIL_INTERVAL_MS * 3))).toBe(true);
    expect(s.bounced).toBe(false);
    expect(s.receivesAlerts).toBe(true);
  });
});
