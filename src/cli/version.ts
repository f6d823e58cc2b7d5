/*
 * pyship's own version, read from its package.json. Found by walking up from this module,
 * because the module sits at different depths in the sources (src/cli/) and in the bundled
 * binary (dist/cli.js).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findVersion(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg.name === "pyship") return String(pkg.version);
    } catch {
      // no package.json here (or not ours): keep walking up
    }
    if (dirname(dir) === dir) return "0.0.0-unknown";
  }
}

export const VERSION: string = findVersion(dirname(fileURLToPath(import.meta.url)));
