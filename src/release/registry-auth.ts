/*
 * The Authorization header for a registry's 401 challenge (the distribution token spec):
 * `Basic realm=…` takes the credentials as they are; `Bearer realm=…,service=…,scope=…`
 * trades them (or nothing, for anonymous pulls) at the realm for a token.
 */
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";
import type { Credentials } from "./registry-credentials.js";

export interface Challenge {
  /** The WWW-Authenticate header, null when the registry sent none. */
  readonly header: string | null;
  readonly repository: string;
}

/** `Bearer realm="https://auth/token",service="reg"` → scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = header.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g))
    params[match[1] as string] = match[2] as string;
  return { scheme, params };
}

export async function authorization(
  challenge: Challenge,
  credentials: Credentials | null,
  host: string,
  getToken: (url: string) => Promise<Response>,
): Promise<string> {
  const { scheme, params } = parseChallenge(challenge.header ?? "basic");
  if (scheme === "basic") {
    if (!credentials) throw registryRefused(host, null);
    return basic(credentials);
  }
  if (scheme !== "bearer" || !params.realm)
    throw new PyshipError("E_REGISTRY", msg("registry.unknownLogin", { host, scheme }));
  const url = new URL(params.realm);
  if (params.service) url.searchParams.set("service", params.service);
  url.searchParams.set("scope", params.scope ?? `repository:${challenge.repository}:pull`);
  const response = await getToken(url.toString());
  if (response.status === 401 || response.status === 403) throw registryRefused(host, credentials);
  const body = (await response.json().catch(() => ({}))) as {
    token?: string;
    access_token?: string;
  };
  const token = body.token ?? body.access_token;
  if (!token) throw registryRefused(host, credentials);
  return `Bearer ${token}`;
}

export function basic(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.secret}`).toString("base64")}`;
}

export function registryRefused(host: string, credentials: Credentials | null): PyshipError {
  return new PyshipError(
    "E_REGISTRY_AUTH",
    credentials
      ? msg("registry.refused", { host, from: credentials.from })
      : msg("registry.noLogin", { host }),
    { hint: msg("registry.login.hint", { host }) },
  );
}
