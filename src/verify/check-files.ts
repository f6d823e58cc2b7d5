/*
 * The static checks, on the image's files rather than a running process: nothing from the
 * developer's machine leaked in, no compiler in the final image, and the size.
 */
import type { CommandExecutor } from "../core/exec.js";
import type { VerifyCheck } from "../core/pipeline.js";
import type { EngineSession } from "./engine-session.js";
import type { ImageFacts } from "./inspect-image.js";
import { listImageFiles } from "./list-image-files.js";
import { findCompilers, findLeaks } from "./scan-files.js";

const SHOWN = 5;

export async function fileChecks(
  executor: CommandExecutor,
  session: EngineSession,
  image: string,
  facts: ImageFacts,
): Promise<VerifyCheck[]> {
  let paths: string[];
  try {
    paths = await listImageFiles(executor, session, image);
  } catch (error) {
    const detail = `cannot list the image's files: ${(error as Error).message}`;
    return [
      { name: "no-leaks", status: "fail", detail },
      { name: "no-compiler", status: "fail", detail },
      sizeCheck(facts),
    ];
  }
  return [leakCheck(paths, facts.venvRoots), compilerCheck(paths), sizeCheck(facts)];
}

function leakCheck(paths: readonly string[], venvRoots: readonly string[]): VerifyCheck {
  const leaks = findLeaks(paths, venvRoots);
  if (leaks.length === 0) {
    return {
      name: "no-leaks",
      status: "pass",
      detail: "no .env, keys, .git, virtualenv or __pycache__",
      value: 0,
    };
  }
  const shown = leaks.slice(0, SHOWN).map((leak) => `${leak.path} (${leak.what})`);
  const more = leaks.length > SHOWN ? ` and ${leaks.length - SHOWN} more` : "";
  const detail = `${shown.join(", ")}${more}; add them to .dockerignore`;
  return { name: "no-leaks", status: "fail", detail, value: leaks.length };
}

function compilerCheck(paths: readonly string[]): VerifyCheck {
  const compilers = findCompilers(paths);
  if (compilers.length === 0)
    return { name: "no-compiler", status: "pass", detail: "no gcc, cc, g++ or clang" };
  const shown = compilers.slice(0, SHOWN).join(", ");
  const detail = `${shown} in the final image; build native packages in a builder stage`;
  return { name: "no-compiler", status: "fail", detail, value: compilers.length };
}

function sizeCheck(facts: ImageFacts): VerifyCheck {
  if (facts.sizeBytes === null)
    return { name: "size", status: "skip", detail: "the engine did not report a size" };
  const mb = facts.sizeBytes / 1_000_000;
  return { name: "size", status: "pass", detail: `${mb.toFixed(0)} MB`, value: facts.sizeBytes };
}
