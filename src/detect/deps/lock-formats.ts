/*
 * Lock-file formats: Poetry, uv, PDM (TOML locks next to pyproject.toml) and Pipenv
 * (Pipfile.lock, JSON). A lock pins every version, so the image installs exactly what the
 * developer tested — that is why these come first in the format table.
 */
import { PyshipError } from "../../core/errors.js";
import type { InstallFacts, Requirement, Warning } from "../../core/pipeline.js";
import { because, msg, withText } from "../../i18n/message.js";
import type { ProjectFiles } from "../project-files.js";
import { pep621Requirements, poetryRequirements } from "./declared-requirements.js";
import type {
  DependencyFormat,
  FormatContext,
  FormatMatch,
  FormatSkip,
} from "./dependency-format.js";
import {
  type LockedPackage,
  pdmLocked,
  pipfileLocked,
  poetryLocked,
  uvLocked,
} from "./locked-packages.js";
import { pinnedRequirements } from "./pinned-requirements.js";
import { pipfileRequirements } from "./pipfile-format.js";
import type { Pyproject, Table } from "./pyproject.js";

interface LockSpec {
  readonly lock: string;
  readonly manifest: "pyproject.toml" | "Pipfile";
  readonly tool: InstallFacts["tool"];
  readonly strategy: InstallFacts["strategy"];
  readonly declared: (context: FormatContext) => Requirement[];
  readonly locked: (data: Table, text: string, declared: readonly string[]) => LockedPackage[];
  readonly parse: (files: ProjectFiles, path: string) => Table;
}

const fromPyproject = (read: (pyproject: Pyproject) => Requirement[]) => (context: FormatContext) =>
  context.pyproject ? read(context.pyproject) : [];

const toml = (files: ProjectFiles, path: string) => files.toml(path);

export const poetryLockFormat = lockFormat({
  lock: "poetry.lock",
  manifest: "pyproject.toml",
  tool: "poetry",
  strategy: "poetry-lock",
  // Poetry 2 accepts runtime deps in [project] as well as [tool.poetry.dependencies]
  declared: fromPyproject((p) => dedupe([...pep621Requirements(p), ...poetryRequirements(p)])),
  locked: poetryLocked,
  parse: toml,
});

export const uvLockFormat = lockFormat({
  lock: "uv.lock",
  manifest: "pyproject.toml",
  tool: "uv",
  strategy: "uv-lock",
  declared: fromPyproject(pep621Requirements),
  locked: uvLocked,
  parse: toml,
});

export const pdmLockFormat = lockFormat({
  lock: "pdm.lock",
  manifest: "pyproject.toml",
  tool: "pdm",
  strategy: "pdm-lock",
  declared: fromPyproject(pep621Requirements),
  locked: pdmLocked,
  parse: toml,
});

export const pipfileLockFormat = lockFormat({
  lock: "Pipfile.lock",
  manifest: "Pipfile",
  tool: "pipenv",
  strategy: "pipfile-lock",
  declared: ({ files }) => pipfileRequirements(files),
  locked: pipfileLocked,
  parse: parseJson,
});

function lockFormat(spec: LockSpec): DependencyFormat {
  return {
    name: spec.strategy,
    manifests: (files) => (files.has(spec.lock) ? [spec.lock] : []),
    detect: (context) => detectLock(spec, context),
  };
}

function detectLock(spec: LockSpec, context: FormatContext): FormatMatch | FormatSkip {
  const { files } = context;
  if (!files.has(spec.manifest)) {
    return {
      kind: "skip",
      ignored: [
        {
          file: spec.lock,
          line: null,
          ...because(msg("ev.deps.notUsed.noManifest", { manifest: spec.manifest })),
        },
      ],
    };
  }
  const declared = spec.declared(context);
  const text = files.read(spec.lock);
  const locked = spec.locked(
    spec.parse(files, spec.lock),
    text,
    declared.map((req) => req.name),
  );
  const pinned = pinnedRequirements(locked, { file: spec.lock, text });
  const lockedNames = new Set(locked.map((pkg) => pkg.name));
  const declaredNames = new Set(declared.map((req) => req.name));
  const transitive: Requirement[] = locked
    .filter((pkg) => !declaredNames.has(pkg.name))
    .map((pkg) => ({
      name: pkg.name,
      spec: `${pkg.name}==${pkg.version}`,
      evidence: {
        file: spec.lock,
        line: pkg.line,
        why: `pinned in ${spec.lock} (pulled in by another package)`,
      },
    }));
  return {
    kind: "match",
    tool: spec.tool,
    strategy: spec.strategy,
    files: [spec.manifest, spec.lock],
    requirements: [...declared, ...transitive],
    resolved: pinned.resolved,
    lockedFiles: locked
      .filter((pkg) => (pkg.files ?? []).length > 0)
      .map((pkg) => ({ name: pkg.name, version: pkg.version, files: pkg.files ?? [] })),
    evidence: {
      file: spec.lock,
      line: null,
      ...because(
        msg(pinned.resolved.hashed ? "ev.deps.lockHashed" : "ev.deps.lock", {
          tool: "pip",
          lock: spec.lock,
        }),
      ),
    },
    warnings: [...staleWarnings(spec, declared, lockedNames), ...pinned.warnings],
  };
}

/** A package declared but absent from the lock means the lock is older than the manifest. */
function staleWarnings(
  spec: LockSpec,
  declared: readonly Requirement[],
  locked: ReadonlySet<string>,
): Warning[] {
  return declared
    .filter((req) => !locked.has(req.name))
    .map((req) => ({
      code: "LOCK_OUTDATED",
      ...withText(
        msg("warn.lockOutdated", {
          name: req.name,
          manifest: spec.manifest,
          lock: spec.lock,
          tool: spec.tool,
        }),
      ),
      file: req.evidence.file,
      ...(req.evidence.line === null ? {} : { line: req.evidence.line }),
    }));
}

function dedupe(requirements: readonly Requirement[]): Requirement[] {
  const seen = new Set<string>();
  return requirements.filter((req) => !seen.has(req.name) && seen.add(req.name));
}

function parseJson(files: ProjectFiles, path: string): Table {
  const text = files.read(path);
  try {
    return JSON.parse(text) as Table;
  } catch (cause) {
    const position = jsonErrorPosition(text, String((cause as Error).message));
    const line = position === null ? undefined : text.slice(0, position).split("\n").length;
    throw new PyshipError(
      "E_PARSE",
      msg("parse.json", { reason: (cause as Error).message.split("\n")[0] ?? "" }),
      {
        file: path,
        line,
        hint: msg("parse.json.pipenvHint"),
        cause,
      },
    );
  }
}

/**
 * Where JSON.parse stopped. V8 says "at position N" for some errors and only quotes the
 * text around the error for others (`..."<10 before><10 after>"...`), so find that quote.
 */
function jsonErrorPosition(text: string, message: string): number | null {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  const snippet = /(\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON/.exec(message);
  if (!snippet?.[2] || !snippet[1]) return null;
  const start = text.indexOf(snippet[2]);
  return start === -1 ? null : start + 10;
}
