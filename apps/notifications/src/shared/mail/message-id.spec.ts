import { mailDomainOf, messageIdFor } from './message-id';

describe('messageIdFor', () => {
  it('puts the local part on the sender domain, the same every time', () => {
    const from = 'Newsroom Alerts <alerts@News.Example.org>';
    expect(messageIdFor('delivery-42', from)).toBe('<delivery-42@news.example.org>');
    expect(messageIdFor('delivery-42', from)).toBe(messageIdFor('delivery-42', from));
    expect(messageIdFor('delivery-43', from)).not.toBe(messageIdFor('delivery-42', from));
  });

  it('reads a bare sender address too', () => {
    expect(mailDomainOf('alerts@newsroom.test')).toBe('newsroom.test');
  });

  it('refuses what would not make an RFC 5322 msg-id', () => {
    expect(() => messageIdFor('delivery 42', 'alerts@newsroom.test')).toThrow('dot-atom');
    expect(() => messageIdFor('delivery-42', 'Newsroom Alerts')).toThrow('no domain');
  });
});
