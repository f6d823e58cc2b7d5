/*
 * The static checks, on the image's files rather than a running process: nothing from the
 * developer's machine leaked in, no compiler in the final image, and the size.
 */
import type { CommandExecutor } from "../core/exec.js";
import type { VerifyCheck } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import type { EngineSession } from "./engine-session.js";
import type { ImageFacts } from "./inspect-image.js";
import { listImageFiles } from "./list-image-files.js";
import { detailOf } from "./probe-context.js";
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
      ...detailOf(msg("verify.d.noLeaks")),
      value: 0,
    };
  }
  const shown = leaks.slice(0, SHOWN).map((leak) => `${leak.path} (${leak.what})`);
  const more = leaks.length > SHOWN ? ` and ${leaks.length - SHOWN} more` : "";
  const detail = detailOf(msg("verify.d.leaks", { files: `${shown.join(", ")}${more}` }));
  return { name: "no-leaks", status: "fail", ...detail, value: leaks.length };
}

function compilerCheck(paths: readonly string[]): VerifyCheck {
  const compilers = findCompilers(paths);
  if (compilers.length === 0)
    return { name: "no-compiler", status: "pass", ...detailOf(msg("verify.d.noCompiler")) };
  const shown = compilers.slice(0, SHOWN).join(", ");
  const detail = detailOf(msg("verify.d.compilers", { compilers: shown }));
  return { name: "no-compiler", status: "fail", ...detail, value: compilers.length };
}

function sizeCheck(facts: ImageFacts): VerifyCheck {
  if (facts.sizeBytes === null)
    return { name: "size", status: "skip", ...detailOf(msg("verify.d.noSize")) };
  const mb = facts.sizeBytes / 1_000_000;
  return { name: "size", status: "pass", detail: `${mb.toFixed(0)} MB`, value: facts.sizeBytes };
}
