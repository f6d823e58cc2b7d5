/*
 * The Python distributions actually installed in an image, asked of the image itself: its
 * own Python (the venv's, first on the image's PATH) lists importlib.metadata's
 * distributions, in a throw-away container with no network. What the manifest asked for
 * does not matter here, only what landed.
 */
import type { Engine } from "../build/engine.js";
import { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import { msg } from "../i18n/message.js";

export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** License-Expression, else License (when short enough to be a name), else null. */
  readonly license: string | null;
}

// Runs inside the image: stdlib only, one JSON line out; duplicates (a dist visible twice on
// sys.path) keep the first, the one Python imports.
const LIST_SCRIPT = `
import importlib.metadata as m, json
seen = {}
for d in m.distributions():
    name = d.metadata["Name"]
    if not name or name.lower() in seen: continue
    lic = d.metadata.get("License-Expression") or d.metadata.get("License") or None
    seen[name.lower()] = {"name": name, "version": d.version, "license": lic if lic and len(lic) <= 80 and "\\n" not in lic else None}
print(json.dumps(sorted(seen.values(), key=lambda p: p["name"].lower())))
`;

export async function installedPackages(
  executor: CommandExecutor,
  engine: Engine,
  image: string,
): Promise<InstalledPackage[]> {
  const args = [
    "run",
    "--rm",
    "--network",
    "none",
    "--entrypoint",
    "python",
    image,
    "-c",
    LIST_SCRIPT,
  ];
  const result = await executor.run(engine.client, args, { timeoutMs: 120_000 });
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    if (result.exitCode !== 0) throw new Error(result.stderr);
    return JSON.parse(last) as InstalledPackage[];
  } catch (error) {
    throw new PyshipError("E_VERIFY_FAILED", msg("release.listPackages", { image }), {
      cause: error,
      details: result.stderr.trim().split("\n").slice(-3).join("\n") || undefined,
      hint: msg("release.listPackages.hint"),
    });
  }
}
