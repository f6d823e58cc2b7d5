/*
 * Index credentials reach the build as one BuildKit secret, never as ARG or ENV: a netrc
 * file (pip, through requests, and uv both read the file NETRC names), mounted only into the
 * RUN steps that install. The secret's hash is a build argument, so a changed password
 * still re-runs the install layer; the hash is keyed, so the image history does not let
 * anyone test guesses of the password against it.
 */
import { createHmac } from "node:crypto";
import { PyshipError } from "../core/errors.js";
import type { IndexCredential } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";

export const INDEX_SECRET_ID = "pyship_index_netrc";
export const INDEX_SECRET_PATH = `/run/secrets/${INDEX_SECRET_ID}`;
export const INDEX_SECRET_HASH_ARG = "PYSHIP_INDEX_SECRET_HASH";

/** A secret the engine gets with `--secret id=ID,src=FILE` (written 0600, removed after). */
export interface BuildSecret {
  readonly id: string;
  readonly content: string;
}

/** The netrc text for these credentials (one `machine` line per host; the last wins). */
export function netrcOf(credentials: readonly IndexCredential[]): string {
  const byHost = new Map(credentials.map((c) => [c.host, c]));
  return [...byHost.values()]
    .map(
      (c) =>
        `machine ${c.host} login ${c.username}${c.password ? ` password ${c.password}` : ""}\n`,
    )
    .join("");
}

/** The secret for the build, or a one-line error naming the hosts that have none. */
export function indexSecret(
  hosts: readonly string[],
  credentials: readonly IndexCredential[],
): BuildSecret {
  const missing = hosts.filter((host) => !credentials.some((c) => c.host === host));
  if (missing.length > 0)
    throw new PyshipError(
      "E_SECRET_UNSET",
      msg("secret.missing", { hosts: missing.join(", "), id: INDEX_SECRET_ID }),
      {
        hint: msg("secret.unset.hint"),
      },
    );
  return { id: INDEX_SECRET_ID, content: netrcOf(credentials) };
}

/**
 * `K=V` for the hash build argument. Keyed with the machine's own key (per user, under
 * ~/.cache/pyship), so equal secrets hash alike on this machine and nowhere else.
 */
export function secretHashArg(secret: BuildSecret, key: string): string {
  const hash = createHmac("sha256", key).update(secret.content).digest("hex").slice(0, 32);
  return `${INDEX_SECRET_HASH_ARG}=${hash}`;
}
