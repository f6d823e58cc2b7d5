/*
 * Project dir + CI choices → CiPlan: finds the git work tree (CI files live at its root and
 * name the project's folder inside it), the default branch, and refuses combinations that
 * cannot work. Throws PyshipError; prints nothing.
 */
import { relative, sep } from "node:path";
import { PyshipError } from "../core/errors.js";
import type { CiEngine, CiOptions, CiPlan, CiProvider } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { findGitRoot } from "./find-git-root.js";

/** Engines each provider's jobs can use. GitHub's hosted runners run Docker (and buildx). */
const ENGINES: Readonly<Record<CiProvider, readonly CiEngine[]>> = {
  github: ["docker"],
  gitlab: ["docker", "podman"],
};

export const CI_PROVIDERS = Object.keys(ENGINES) as CiProvider[];

export function planCi(projectRoot: string, options: CiOptions, pyshipVersion: string): CiPlan {
  const git = findGitRoot(projectRoot);
  if (git === null) throw noGit(projectRoot);
  if (!ENGINES[options.provider].includes(options.engine)) throw badEngine(options);
  const projectDir = relative(git.root, projectRoot).split(sep).join("/") || ".";
  return {
    provider: options.provider,
    engine: options.engine,
    repoRoot: git.root,
    projectDir,
    defaultBranch: git.defaultBranch,
    pyshipVersion,
    evidence: [git.evidence],
  };
}

/** Parses the CLI's `--ci` / `--ci-engine` words; E_USAGE names the accepted ones. */
export function ciOptions(provider: string, engine = "docker"): CiOptions {
  if (!(CI_PROVIDERS as string[]).includes(provider))
    throw new PyshipError("E_USAGE", msg("ci.unknownProvider", { provider }), {
      hint: msg("ci.unknownProvider.hint", { known: CI_PROVIDERS.join(", ") }),
    });
  if (engine !== "docker" && engine !== "podman")
    throw new PyshipError("E_USAGE", msg("ci.unknownEngine", { engine }), {
      hint: msg("ci.unknownEngine.hint"),
    });
  return { provider: provider as CiProvider, engine };
}

function noGit(projectRoot: string): PyshipError {
  return new PyshipError("E_NO_GIT", msg("ci.noGit", { root: projectRoot }), {
    hint: msg("ci.noGit.hint"),
  });
}

function badEngine({ provider, engine }: CiOptions): PyshipError {
  return new PyshipError("E_USAGE", msg("ci.badEngine", { engine, provider }), {
    hint: msg("ci.badEngine.hint", { provider, engines: ENGINES[provider].join(", ") }),
  });
}
