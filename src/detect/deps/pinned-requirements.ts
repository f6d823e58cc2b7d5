/*
 * Packages read from a lock (or a manifest pyship translates) → pip requirement lines, so
 * plain pip installs them and no project tool runs in the image. Index packages are pinned
 * `name==version`, git and URL sources become direct references, the lock's environment
 * markers are kept for pip to evaluate, and hashes are kept only when every entry has them
 * (pip's hash-checking mode is all or nothing).
 */
import { createHash } from "node:crypto";
import type { ResolvedRequirements, Warning } from "../../core/pipeline.js";
import type { LockedPackage } from "./locked-packages.js";

export interface Pinned {
  readonly resolved: ResolvedRequirements;
  readonly warnings: Warning[];
}

export function pinnedRequirements(
  packages: readonly LockedPackage[],
  source: { readonly file: string; readonly text: string },
): Pinned {
  const installable = mergeDuplicates(packages.filter((pkg) => !pkg.local));
  const hashed = installable.length > 0 && installable.every((pkg) => pkg.hashes.length > 0);
  const warnings: Warning[] = packages
    .filter((pkg) => pkg.local)
    .map((pkg) => ({
      code: "W_LOCK_LOCAL_PACKAGE",
      message: `${pkg.name} is a local path in ${source.file}: not installed from the lock (install it with the project, e.g. as a workspace package)`,
      file: source.file,
      ...(pkg.line === null ? {} : { line: pkg.line }),
    }));
  warnings.push(...indexWarnings(packages, source.file));
  return {
    resolved: {
      lines: installable.map((pkg) => requirementLine(pkg, hashed)),
      source: { file: source.file, sha256: sha256(source.text) },
      hashed,
    },
    warnings,
  };
}

/**
 * One line per release: PDM locks list a package again for each extra requested, and pip
 * refuses a double requirement. Hashes are merged; a marker survives only if every entry has one.
 */
function mergeDuplicates(packages: readonly LockedPackage[]): LockedPackage[] {
  const merged = new Map<string, LockedPackage>();
  for (const pkg of packages) {
    const key = `${pkg.name}==${pkg.version} ${pkg.direct ?? ""}`;
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, pkg);
    else
      merged.set(key, {
        ...seen,
        hashes: [...new Set([...seen.hashes, ...pkg.hashes])],
        ...unionExtras(seen, pkg),
        marker: seen.marker === null || pkg.marker === null ? null : anyOf(seen.marker, pkg.marker),
      });
  }
  return [...merged.values()];
}

function unionExtras(a: LockedPackage, b: LockedPackage): Pick<LockedPackage, "extras"> {
  const extras = [...new Set([...(a.extras ?? []), ...(b.extras ?? [])])].sort();
  return extras.length > 0 ? { extras } : {};
}

function anyOf(a: string, b: string): string {
  return a === b ? a : `(${a}) or (${b})`;
}

/** pip in the image asks its configured index; a lock that used another one needs it too. */
function indexWarnings(packages: readonly LockedPackage[], file: string): Warning[] {
  const indexes = [...new Set(packages.flatMap((pkg) => (pkg.index ? [pkg.index] : [])))];
  return indexes.map((index) => ({
    code: "W_LOCK_OTHER_INDEX",
    message: `${file} takes packages from ${index}; pip in the image uses its default index unless the build sets PIP_INDEX_URL or PIP_EXTRA_INDEX_URL (as a build secret if it holds credentials)`,
    file,
  }));
}

function requirementLine(pkg: LockedPackage, hashed: boolean): string {
  const name = pkg.extras?.length ? `${pkg.name}[${pkg.extras.join(",")}]` : pkg.name;
  const target = pkg.direct === null ? `${name}==${pkg.version}` : `${name} @ ${pkg.direct}`;
  const marker = pkg.marker === null ? "" : ` ; ${pkg.marker}`;
  const hashes = hashed ? pkg.hashes.map((hash) => ` \\\n    --hash=${hash}`).join("") : "";
  return `${target}${marker}${hashes}`;
}

/** The lock's digest as `sha256sum` prints it (of the file's bytes, read as UTF-8 text). */
export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
