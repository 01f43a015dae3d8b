import { assessWebhookUrl, isForbiddenAddress } from '../../../functions/events/models/webhook-target';

const aws = { allowLoopbackHttp: false };
const local = { allowLoopbackHttp: true };

describe('webhook targets', () => {
  it.each(['https://hooks.example.com/trustflow', 'https://203.0.114.7/hook', 'https://[2606:4700:4700::1111]/hook'])(
    'lets %s receive deliveries on AWS',
    (url) => {
      expect(assessWebhookUrl(url, aws)).toBeUndefined();
    },
  );

  it.each([
    ['http://hooks.example.com/trustflow', 'must be https'],
    ['https://user:pass@hooks.example.com/', 'must not carry a user name or password'],
    ['https://localhost/hook', 'must not point at loopback'],
    ['https://127.0.0.1/hook', 'must not point at a private'],
    ['https://0x7f000001/hook', 'must not point at a private'],
    ['https://10.1.2.3/hook', 'must not point at a private'],
    ['https://169.254.169.254/latest/meta-data', 'must not point at a private'],
    ['https://100.64.0.1/hook', 'must not point at a private'],
    ['https://[::1]/hook', 'must not point at a private'],
    ['https://[::ffff:127.0.0.1]/hook', 'must not point at a private'],
    ['https://[fd00:ec2::254]/hook', 'must not point at a private'],
    ['https://[fe80::1]/hook', 'must not point at a private'],
    ['not a url', 'must be an absolute URL'],
  ])('refuses %s on AWS: %s', (url, problem) => {
    expect(assessWebhookUrl(url, aws)).toContain(problem);
  });

  it('allows http on loopback on the local stack only, and nothing else private', () => {
    expect(assessWebhookUrl('http://127.0.0.1:4010/hook', local)).toBeUndefined();
    expect(assessWebhookUrl('http://localhost:4010/hook', local)).toBeUndefined();
    expect(assessWebhookUrl('http://[::1]:4010/hook', local)).toBeUndefined();
    expect(assessWebhookUrl('http://127.0.0.1:4010/hook', aws)).toBe('must be https');
    expect(assessWebhookUrl('http://10.0.0.5/hook', local)).toBe('must be https (or http on loopback, locally)');
    expect(assessWebhookUrl('https://192.168.1.1/hook', local)).toContain('must not point at a private');
  });

  it('counts anything that is not an IP address as forbidden, so an unknown form never passes', () => {
    expect(isForbiddenAddress('hooks.example.com')).toBe(true);
    expect(isForbiddenAddress('')).toBe(true);
    expect(isForbiddenAddress('8.8.8.8')).toBe(false);
    expect(isForbiddenAddress('2606:4700:4700::1111')).toBe(false);
  });
});
