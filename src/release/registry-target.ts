/*
 * `--registry HOST/NAMESPACE` and the project's name → where the release goes: the engine's
 * reference (`host/namespace/name`), the registry API's name (`namespace/name`) and the host
 * the HTTP client talks to (Docker Hub's API lives at registry-1.docker.io).
 */
import { PyshipError } from "../core/errors.js";
import { msg } from "../i18n/message.js";

export interface RegistryTarget {
  readonly repository: string;
  readonly name: string;
  readonly host: string;
}

export function registryTarget(
  registry: string | null,
  project: string,
  dryRun: boolean,
): RegistryTarget | null {
  if (!registry) {
    if (dryRun) return null;
    throw new PyshipError("E_USAGE", msg("release.noRegistry"), {
      hint: msg("release.noRegistry.hint"),
    });
  }
  const [host = "", ...path] = registry
    .replace(/^[a-z]+:\/\//, "")
    .replace(/\/+$/, "")
    .split("/");
  // Docker's rule: the first part is a registry host only with a dot, a port or localhost.
  if (!/[.:]/.test(host) && host !== "localhost")
    throw new PyshipError("E_USAGE", msg("release.noHost", { registry }), {
      hint: msg("release.noHost.hint"),
    });
  const name = [...path, project].join("/");
  const apiHost = host === "docker.io" ? "registry-1.docker.io" : host;
  return { repository: `${host}/${name}`, name, host: apiHost };
}
