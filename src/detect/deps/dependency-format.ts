/*
 * The contract every dependency format module implements. A module says cheaply which of
 * its manifests exist (for the "seen but not chosen" list), and only the chosen one is
 * parsed, so a broken dev-requirements file never fails a build that doesn't use it.
 */
import type {
  Evidence,
  InstallFacts,
  LockedRelease,
  Requirement,
  ResolvedRequirements,
  Warning,
} from "../../core/pipeline.js";
import type { ProjectFiles } from "../project-files.js";
import type { Pyproject } from "./pyproject.js";

export interface FormatContext {
  readonly files: ProjectFiles;
  /** Parsed pyproject.toml, or null when there is none. */
  readonly pyproject: Pyproject | null;
}

export interface FormatMatch {
  readonly kind: "match";
  readonly tool: InstallFacts["tool"];
  readonly strategy: InstallFacts["strategy"];
  readonly files: readonly string[];
  readonly requirements: readonly Requirement[];
  readonly evidence: Evidence;
  /** Set when the manifest itself asks to install the project (`-e .`, setup.py). */
  readonly installsProject?: Evidence;
  /** The requirements line that asks for it (`-e .`), for a requirements file. */
  readonly selfLine?: { readonly file: string; readonly line: number };
  readonly ignored?: readonly Evidence[];
  readonly warnings?: readonly Warning[];
  /** Requirements pyship resolved itself (imports, a lock read by pyship). */
  readonly resolved?: ResolvedRequirements;
  /** The files a lock lists per pinned release (see DependencyFacts.lockedFiles). */
  readonly lockedFiles?: readonly LockedRelease[];
}

/** Manifests exist but declare nothing this format can install from. */
export interface FormatSkip {
  readonly kind: "skip";
  readonly ignored: readonly Evidence[];
}

export interface DependencyFormat {
  readonly name: string;
  /** Manifests of this format present in the project (paths only, no reads). */
  manifests(files: ProjectFiles): string[];
  detect(context: FormatContext): FormatMatch | FormatSkip;
}
