import { redactUrl } from './redact-url';

describe('redactUrl (what a log line may say about a URL)', () => {
  it('blanks an action link token, whatever its length or shape, and keeps the rest of the path and query', () => {
    expect(redactUrl('/api/v1/actions/AbC-_123abcdefghijklmnopqrstuvwxyz0123456789')).toBe('/api/v1/actions/[redacted]');
    expect(redactUrl('/api/v1/actions/short')).toBe('/api/v1/actions/[redacted]');
    expect(redactUrl('/api/v1/actions/tok%2Fen?x=1')).toBe('/api/v1/actions/[redacted]?x=1');
    expect(redactUrl('/proxy-prefix/api/v1/actions/abc/extra')).toBe('/proxy-prefix/api/v1/actions/[redacted]/extra');
    expect(redactUrl('/api/v1/actions/abc#frag')).toBe('/api/v1/actions/[redacted]');
  });

  it('blanks other long opaque path segments but keeps UUIDs and ordinary words', () => {
    const uuid = '3f2b8c1e-9a4d-4c7e-8b2a-1d2e3f4a5b6c';
    expect(redactUrl(`/api/v1/proposals/${uuid}/documents`)).toBe(`/api/v1/proposals/${uuid}/documents`);
    expect(redactUrl(`/reset/${'x'.repeat(40)}`)).toBe('/reset/[redacted]');
    expect(redactUrl('/health')).toBe('/health');
  });

  it('blanks the values of secret query parameters (by name, or by looking like a token) and nothing else', () => {
    expect(redactUrl('/a?access_token=abc&kind=trip')).toBe('/a?access_token=[redacted]&kind=trip');
    expect(redactUrl('/a?token=abc&password=p&api_key=k&x-api-key=k&client_secret=s&code=c&sig=z')).toBe(
      '/a?token=[redacted]&password=[redacted]&api_key=[redacted]&x-api-key=[redacted]&client_secret=[redacted]&code=[redacted]&sig=[redacted]',
    );
    expect(redactUrl('/a?accessToken=abc&apiKey=k&conventionCode=RKC')).toBe('/a?accessToken=[redacted]&apiKey=[redacted]&conventionCode=RKC');
    expect(redactUrl(`/a?next=${'Z'.repeat(40)}&q=kyoto`)).toBe('/a?next=[redacted]&q=kyoto');
    expect(redactUrl('/a?flag&q=')).toBe('/a?flag&q=');
    expect(redactUrl('/a?%ZZ=1')).toBe('/a?%ZZ=1');
  });

  it('passes through what is not a string', () => {
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
