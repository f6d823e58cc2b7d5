/*
 * What a release asks a registry, behind a small interface (unit tests pass a fake; e2e uses
 * Debian's distribution server): its tag list and what a tag points at. The HTTP client
 * speaks the OCI distribution API (`GET /v2/<name>/tags/list`, `HEAD` and `GET
 * /v2/<name>/manifests/<ref>`), answering a 401 challenge with basic auth or a bearer token
 * got with the engine's credentials (registry-credentials.ts).
 */
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";
import { authorization, basic, type Challenge, registryRefused } from "./registry-auth.js";
import type { Credentials } from "./registry-credentials.js";

export interface RemoteManifest {
  /** The manifest (or list) digest the registry serves for the tag. */
  readonly digest: string;
  /** The image config digest of each image in it, sorted. */
  readonly configDigests: readonly string[];
}

export interface RegistryClient {
  /** Tags of the repository; empty when it does not exist yet. */
  listTags(repository: string): Promise<readonly string[]>;
  /** What the tag points at, or null when the tag does not exist. */
  manifest(repository: string, tag: string): Promise<RemoteManifest | null>;
}

// Lists first: a multi-platform tag must come back as its list, not one platform's image.
const ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

export interface HttpRegistryOptions {
  /** `host[:port]`. */
  readonly host: string;
  readonly credentials: () => Promise<Credentials | null>;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** Loopback registries speak plain HTTP (as dockerd allows for 127.0.0.0/8); others HTTPS. */
export function registryBaseUrl(host: string): string {
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host);
  return `${loopback ? "http" : "https"}://${host}`;
}

export function httpRegistry(options: HttpRegistryOptions): RegistryClient {
  const send = authorizedSender(options);
  return {
    async listTags(repository) {
      const tags: string[] = [];
      let path: string | null = `/v2/${repository}/tags/list?n=1000`;
      while (path) {
        const response = await send("GET", path, repository, "application/json");
        if (response.status === 404) return [];
        await expectOk(response, options.host, path);
        tags.push(...(((await response.json()) as { tags?: string[] | null }).tags ?? []));
        path = nextPage(response.headers.get("link"));
      }
      return tags;
    },
    async manifest(repository, tag) {
      const path = `/v2/${repository}/manifests/${tag}`;
      const head = await send("HEAD", path, repository, ACCEPT);
      if (head.status === 404) return null;
      await expectOk(head, options.host, path);
      const digest = head.headers.get("docker-content-digest") ?? "";
      return { digest, configDigests: await configDigests(send, repository, digest || tag) };
    },
  };
}

type Send = (method: string, path: string, repository: string, accept: string) => Promise<Response>;

interface ManifestBody {
  readonly config?: { readonly digest?: string };
  readonly manifests?: readonly { readonly digest: string }[];
}

async function configDigests(send: Send, repository: string, ref: string): Promise<string[]> {
  const body = await getManifest(send, repository, ref);
  if (body.config?.digest) return [body.config.digest];
  const children = await Promise.all(
    (body.manifests ?? []).map((m) => getManifest(send, repository, m.digest)),
  );
  return children.flatMap((c) => (c.config?.digest ? [c.config.digest] : [])).sort();
}

async function getManifest(send: Send, repository: string, ref: string): Promise<ManifestBody> {
  const response = await send("GET", `/v2/${repository}/manifests/${ref}`, repository, ACCEPT);
  await expectOk(response, "", `/v2/${repository}/manifests/${ref}`);
  return (await response.json()) as ManifestBody;
}

/** `Link: </v2/x/tags/list?n=1000&last=b>; rel="next"` → the next page's path. */
function nextPage(link: string | null): string | null {
  return link ? (/<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] ?? null) : null;
}

/** One request, answering a 401 challenge once; the header is kept for the next requests. */
function authorizedSender(options: HttpRegistryOptions): Send {
  const base = registryBaseUrl(options.host);
  const doFetch = options.fetch ?? fetch;
  const headers = new Map<string, string>();
  const request = (method: string, url: string, accept: string, auth?: string) =>
    doFetch(url, {
      method,
      headers: { accept, ...(auth ? { authorization: auth } : {}) },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    }).catch((error: unknown) => {
      throw unreachable(options.host, error);
    });
  return async (method, path, repository, accept) => {
    const url = path.startsWith("http") ? path : `${base}${path}`;
    const first = await request(method, url, accept, headers.get(repository));
    if (first.status !== 401) return first;
    const challenge: Challenge = { header: first.headers.get("www-authenticate"), repository };
    const credentials = await options.credentials();
    const auth = await authorization(challenge, credentials, options.host, (u) =>
      request("GET", u, "application/json", credentials ? basic(credentials) : undefined),
    );
    const second = await request(method, url, accept, auth);
    if (second.status === 401 || second.status === 403)
      throw registryRefused(options.host, credentials);
    headers.set(repository, auth);
    return second;
  };
}

async function expectOk(response: Response, host: string, path: string): Promise<void> {
  if (response.ok) return;
  const text = response.status === 405 ? "" : (await response.text().catch(() => "")).slice(0, 300);
  throw new PyshipError(
    "E_REGISTRY",
    msg("registry.answered", { host, status: response.status, path }),
    {
      details: text || undefined,
      hint: msg("registry.answered.hint"),
    },
  );
}

function unreachable(host: string, error: unknown): PyshipError {
  // fetch wraps the socket's error: ECONNREFUSED, ENOTFOUND, or a message ("bad port").
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const timedOut = (error as Error)?.name === "TimeoutError";
  const why = timedOut
    ? msg("registry.timedOut")
    : (cause?.code ?? cause?.message ?? String(error));
  return new PyshipError("E_REGISTRY_UNREACHABLE", msg("registry.unreachable", { host, why }), {
    cause: error,
    hint: msg("registry.unreachable.hint"),
  });
}
