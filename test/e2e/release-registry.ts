/*
 * The loopback registry scripts/setup-registry.sh starts (Debian's docker-registry with
 * htpasswd), for the release e2e tests: its settings, a docker config logged in to it (a temp
 * DOCKER_CONFIG, so the shared engine's own login is never touched), and reads of its HTTP API
 * made here directly, independent of pyship's registry client.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { REPO } from "./engine.js";
import { parseEngineEnv } from "./engine-env.js";

export interface TestRegistry {
  readonly host: string;
  readonly user: string;
  readonly password: string;
}

export function testRegistry(): TestRegistry {
  const file = resolve(REPO, ".tmp/registry.env");
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/setup-registry.sh`);
  const env = parseEngineEnv(readFileSync(file, "utf8"));
  const host = env.PYSHIP_TEST_REGISTRY ?? "";
  return {
    host,
    user: env.PYSHIP_TEST_REGISTRY_USER ?? "",
    password: env.PYSHIP_TEST_REGISTRY_PASSWORD ?? "",
  };
}

/** A DOCKER_CONFIG folder where `docker login` to the registry has been done. */
export async function loggedInConfig(client: string, registry: TestRegistry): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pyship-release-docker-config-"));
  const login = await new NodeExecutor().run(
    client,
    ["login", "-u", registry.user, "--password-stdin", registry.host],
    { input: registry.password, env: { DOCKER_CONFIG: dir }, timeoutMs: 30_000 },
  );
  if (login.exitCode !== 0)
    throw new Error(`docker login ${registry.host} failed: ${login.stderr}`);
  return dir;
}

/** A DOCKER_CONFIG whose login for the registry has the wrong password. */
export async function wrongConfig(registry: TestRegistry): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pyship-release-docker-config-"));
  const auth = Buffer.from(`${registry.user}:not-the-password`).toString("base64");
  await writeFile(
    join(dir, "config.json"),
    JSON.stringify({ auths: { [registry.host]: { auth } } }),
  );
  return dir;
}

function authHeader(registry: TestRegistry): string {
  return `Basic ${Buffer.from(`${registry.user}:${registry.password}`).toString("base64")}`;
}

export async function listTags(registry: TestRegistry, name: string): Promise<string[]> {
  const response = await fetch(`http://${registry.host}/v2/${name}/tags/list`, {
    headers: { authorization: authHeader(registry) },
  });
  if (response.status === 404) return [];
  const body = (await response.json()) as { tags: string[] | null };
  return [...(body.tags ?? [])].sort();
}

export async function manifestDigest(
  registry: TestRegistry,
  name: string,
  tag: string,
): Promise<string | null> {
  const response = await fetch(`http://${registry.host}/v2/${name}/manifests/${tag}`, {
    method: "HEAD",
    headers: {
      authorization: authHeader(registry),
      // docker pushes Docker's manifest format, podman (OCI format) the OCI one.
      accept:
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    },
  });
  return response.ok ? response.headers.get("docker-content-digest") : null;
}
