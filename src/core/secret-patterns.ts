/*
 * What a credential looks like: secret-bearing variable names, token shapes of the common
 * providers, and URLs with credentials. One list for the linter (a Dockerfile's text) and for
 * verify (an image's layers, config and history), so both catch the same things.
 */

const SECRET_WORD =
  /^(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|CREDENTIALS?|PRIVATEKEY)$/;
const SECRET_PAIR = /(API|ACCESS|PRIVATE|SECRET|SIGNING|ENCRYPTION|MASTER)_KEY(_|$)/;
/** Names that describe a secret without holding it: SECRET_KEY_FILE, TOKEN_URL, DB_PASSWORD_PATH. */
const NOT_A_VALUE =
  /_(FILE|PATH|DIR|NAME|ID|URL|URI|HEADER|LENGTH|TYPE|ENABLED|TTL|EXPIRY|EXPIRES|TIMEOUT|VERSION|MODE|HOST|PORT|USER|USERNAME|FIELD|PARAM)$/;

/** A variable whose value is a secret: DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY. */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_A_VALUE.test(upper) || upper === "PWD") return false;
  return upper.split("_").some((part) => SECRET_WORD.test(part)) || SECRET_PAIR.test(upper);
}

export interface TokenShape {
  readonly what: string;
  readonly pattern: RegExp;
}

/** Provider formats; each is specific enough that a match is a credential, not a guess. */
export const TOKEN_SHAPES: readonly TokenShape[] = [
  { what: "AWS access key", pattern: /AKIA[0-9A-Z]{16}/ },
  { what: "GitHub token", pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/ },
  { what: "GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { what: "API secret key", pattern: /\bsk-[A-Za-z0-9_-]{20,}/ },
  { what: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { what: "private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

/** scheme://user:password@ or scheme://<token>@ ; `git@` alone is an ssh user, not a secret. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/'"]+)(?::([^\s@/'"]*))?@[^\s'"]+/gi;
const QUERY_TOKEN =
  /[?&](access_token|private_token|token|api_key|apikey|password|secret)=[^&\s'"]+/gi;

/**
 * A value that code fills in, not a secret: an f-string or format field (`?token={token}`,
 * the FastAPI template's reset link), `%s`, a Jinja `{{ }}`, `<token>`, `:token`.
 */
const PLACEHOLDER = /^(?:\{[^}]*\}|\{\{.*|%\(?\w*\)?[sdr]|<[^>]*>|:\w+$)/;

/**
 * URLs whose `?token=` is public by design: Codecov's graph token, which its badge and graph
 * URLs carry in READMEs ("read-only, safe to share", Codecov's docs).
 */
const PUBLIC_TOKEN_URL = /^https?:\/\/(?:app\.)?codecov\.io\/[^\s]*\/graphs?\//i;

/** The URL a query parameter at `index` belongs to: back to the nearest space, quote or bracket. */
function urlBefore(text: string, index = 0): string {
  const start = Math.max(
    ...[" ", "\n", "\t", '"', "'", "(", "<", "["].map((c) => text.lastIndexOf(c, index)),
  );
  return text.slice(start + 1, index);
}

export interface CredentialUrl {
  /** The URL with its credentials replaced by `***`. */
  readonly shown: string;
  /** False when the credential is a `$VARIABLE` (expanded elsewhere), true for a literal. */
  readonly literal: boolean;
}

/** Credential-bearing URLs in a text, masked. */
export function credentialUrls(text: string): CredentialUrl[] {
  const found: CredentialUrl[] = [];
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const [whole, user = "", password] = match;
    const secret = password ?? user;
    const looksSecret = password
      ? password !== ""
      : /^\$|^[A-Za-z0-9_-]{20,}$/.test(user) && /[0-9$]/.test(user);
    if (!looksSecret) continue;
    found.push({ shown: whole.replace(/\/\/[^@]+@/, "//***@"), literal: !secret.includes("$") });
  }
  for (const match of text.matchAll(QUERY_TOKEN)) {
    const value = match[0].slice(match[0].indexOf("=") + 1);
    if (PLACEHOLDER.test(value) || PUBLIC_TOKEN_URL.test(urlBefore(text, match.index))) continue;
    found.push({ shown: match[0].replace(/=.*/, "=***"), literal: !match[0].includes("$") });
  }
  return found;
}

/** The first token shape in a text, with the matched value. */
export function findTokenShape(text: string): { what: string; value: string } | null {
  for (const shape of TOKEN_SHAPES) {
    const match = shape.pattern.exec(text);
    if (match) return { what: shape.what, value: match[0] };
  }
  return null;
}

export function hasTokenShape(value: string): boolean {
  return findTokenShape(value) !== null || credentialUrls(value).length > 0;
}

/** Never print a whole secret: its first four characters, then an ellipsis. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? "****" : `${value.slice(0, 4)}…`;
}

const ASSIGNED = /\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g;

/**
 * A text safe to print: token shapes and secret-named assignments masked, credentials in
 * URLs replaced by `***`. For log lines, history lines and instructions shown to a user.
 */
export function redactSecrets(text: string): string {
  let out = text.replace(ASSIGNED, (whole, name: string, value: string) =>
    isSecretName(name) && !value.startsWith("$") ? `${name}=${maskSecret(value)}` : whole,
  );
  for (const shape of TOKEN_SHAPES)
    out = out.replace(new RegExp(shape.pattern.source, "g"), (value) => maskSecret(value));
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s:@/'"]+:[^\s@/'"]*@/gi, "$1***@");
}
