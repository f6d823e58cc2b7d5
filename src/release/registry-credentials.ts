/*
 * Registry credentials from the engine's own login, never from pyship's flags or files:
 * docker's config.json (`credHelpers`, then `auths`, then `credsStore`), podman's auth.json
 * (REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers, ~/.config/containers; podman falls back
 * to docker's file too). The values only ever go into an Authorization header.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { CommandExecutor } from "../core/exec.js";

export interface Credentials {
  readonly username: string;
  readonly secret: string;
  /** Where they came from, for messages (a file path or a helper's name, never the values). */
  readonly from: string;
}

type Env = Readonly<Record<string, string | undefined>>;

interface AuthFile {
  readonly auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  readonly credHelpers?: Record<string, string>;
  readonly credsStore?: string;
}

/** Auth files in the order the engine reads them. */
export function authFiles(engine: "docker" | "podman", env: Env): string[] {
  const home = env.HOME ?? homedir();
  const docker = join(env.DOCKER_CONFIG ?? join(home, ".docker"), "config.json");
  if (engine === "docker") return [docker];
  const runtime = env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, "containers", "auth.json")] : [];
  const own = env.REGISTRY_AUTH_FILE ? [env.REGISTRY_AUTH_FILE] : runtime;
  return [...own, join(home, ".config", "containers", "auth.json"), docker];
}

// Docker Hub's login is filed under its old index URL; its API answers at registry-1.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  "registry-1.docker.io": ["index.docker.io", "docker.io", "registry-1.docker.io"],
};

export async function findCredentials(
  apiHost: string,
  files: readonly string[],
  executor: CommandExecutor,
): Promise<Credentials | null> {
  for (const host of ALIASES[apiHost] ?? [apiHost]) {
    const found = await credentialsFor(host, files, executor);
    if (found) return found;
  }
  return null;
}

async function credentialsFor(
  host: string,
  files: readonly string[],
  executor: CommandExecutor,
): Promise<Credentials | null> {
  for (const file of files) {
    const config = readAuthFile(file);
    if (!config) continue;
    const helper = config.credHelpers?.[host];
    if (helper) return fromHelper(executor, helper, host);
    const entry = Object.entries(config.auths ?? {}).find(([key]) => hostOf(key) === host)?.[1];
    const basic = entry ? fromEntry(entry, file) : null;
    if (basic) return basic;
    if (config.credsStore) {
      const stored = await fromHelper(executor, config.credsStore, host);
      if (stored) return stored;
    }
  }
  return null;
}

function readAuthFile(file: string): AuthFile | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as AuthFile;
  } catch {
    return null;
  }
}

/** Keys are `host`, `host:port` or an old-style URL (`https://index.docker.io/v1/`). */
function hostOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "");
}

function fromEntry(
  entry: { auth?: string; username?: string; password?: string },
  file: string,
): Credentials | null {
  if (entry.username && entry.password)
    return { username: entry.username, secret: entry.password, from: file };
  if (!entry.auth) return null;
  const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1), from: file };
}

/** `docker-credential-<helper> get` reads the host on stdin and answers JSON. */
async function fromHelper(
  executor: CommandExecutor,
  helper: string,
  host: string,
): Promise<Credentials | null> {
  const result = await executor.run(`docker-credential-${helper}`, ["get"], {
    input: host,
    timeoutMs: 20_000,
  });
  if (result.exitCode !== 0) return null;
  try {
    const answer = JSON.parse(result.stdout) as { Username?: string; Secret?: string };
    if (!answer.Username || !answer.Secret) return null;
    return {
      username: answer.Username,
      secret: answer.Secret,
      from: `docker-credential-${helper}`,
    };
  } catch {
    return null;
  }
}
