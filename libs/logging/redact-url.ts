/**
 * URLs as they may be logged: secrets that travel in a URL never reach a log line.
 *
 * - An emailed action link's path segment is its single-use credential: `/api/v1/actions/<token>` is logged as
 *   `/api/v1/actions/[redacted]`, whatever the token looks like (a short or malformed one too: it may be a real
 *   token cut by the mail client).
 * - Any other path segment that looks like an opaque secret (long, URL-safe, not a UUID) is redacted as well.
 * - Query parameters whose name says secret (`token`, `access_token`, `password`, `api_key`, `signature`, ...)
 *   keep their name and lose their value.
 */
export const REDACTED = '[redacted]';

const CREDENTIAL_PATH = /^((?:\/[^/?#]*)*?\/actions\/)([^/?#]+)/i;
const UUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const SECRET_WORDS = 'token|password|passwd|pwd|secret|apikey|api[-_]key|key|signature|sig|csrf|nonce|code|auth|authorization|session|sessionid|jwt';
/** `token`, `access_token`, `x-api-key`, `client_secret`, `code` (OAuth), ...: the whole name or its last word. */
const SECRET_NAME = new RegExp(`^(?:[a-z0-9]+[-_])*(?:${SECRET_WORDS})$`);
/** camelCase: `accessToken`, `apiKey`, `clientSecret` (not `conventionCode`: a code there is a filter value). */
const SECRET_CAMEL_NAME = /^[a-z0-9]+(?:Token|Password|Secret|Key|Signature|Nonce)$/;

function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase()) || SECRET_CAMEL_NAME.test(name);
}

function looksLikeSecret(segment: string): boolean {
  return segment.length >= 32 && /^[A-Za-z0-9_.~%-]+$/.test(segment) && !UUID.test(segment);
}

export function redactUrl(url: string | undefined): string | undefined {
  if (typeof url !== 'string') return url;
  const hashAt = url.indexOf('#');
  const withoutHash = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = withoutHash.indexOf('?');
  const rawPath = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
  const rawQuery = queryAt >= 0 ? withoutHash.slice(queryAt + 1) : undefined;

  const path = rawPath
    .replace(CREDENTIAL_PATH, (_m, head: string) => `${head}${REDACTED}`)
    .split('/')
    .map((s) => (looksLikeSecret(s) ? REDACTED : s))
    .join('/');
  if (rawQuery === undefined) return path;
  const query = rawQuery
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq >= 0 ? pair.slice(0, eq) : pair;
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        /* a malformed name stays as it is */
      }
      if (eq >= 0 && isSecretName(decoded)) return `${name}=${REDACTED}`;
      const value = eq >= 0 ? pair.slice(eq + 1) : undefined;
      return value !== undefined && looksLikeSecret(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}
