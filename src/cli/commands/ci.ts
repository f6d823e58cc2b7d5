/*
 * `pyship ci <github|gitlab> [DIR]`: write only the CI pipeline (`pyship init --ci` writes it
 * with the Dockerfile). The file goes to the git repository's root; an existing different
 * file is never replaced without consent (write-with-consent.ts).
 */
import { resolve } from "node:path";
import { ciOptions, planCi } from "../../ci/plan-ci.js";
import { renderCi } from "../../ci/render-ci.js";
import type { CliContext, Register } from "../context.js";
import { t } from "../i18n.js";
import { VERSION } from "../version.js";
import { type AskOverwrite, type WriteFlags, writeWithConsent } from "../write-with-consent.js";

interface CiFlags extends WriteFlags {
  engine?: string;
}

export const registerCi: Register = (program, ctx, done) => {
  program
    .command("ci")
    .description("write a CI pipeline that builds and verifies on changes and releases on v* tags")
    .argument("<provider>", "github or gitlab")
    .argument("[dir]", "project directory", ".")
    .option(
      "--engine <engine>",
      "GitLab: docker (docker-in-docker, privileged) or podman",
      "docker",
    )
    .option("--dry-run", "show what would be written, with diffs, and write nothing")
    .option("--force", "overwrite an existing pipeline file that differs")
    .option("--yes", "never ask: an existing different file is skipped unless --force")
    .action(async (provider: string, dir: string, flags: CiFlags) => {
      done(await runCi(provider, dir, flags, ctx));
    });
};

export async function runCi(
  provider: string,
  dir: string,
  flags: CiFlags,
  ctx: CliContext,
  ask?: AskOverwrite,
): Promise<number> {
  const plan = planCi(resolve(ctx.cwd, dir), ciOptions(provider, flags.engine), VERSION);
  const files = renderCi(plan);
  await writeWithConsent(plan.repoRoot, files, flags, ctx, ask);
  if (flags.dryRun !== true) {
    const names = files.map((file) => file.path).join(", ");
    ctx.out(t(ctx.lang, "ci.next", { files: names, version: plan.pyshipVersion }));
  }
  return 0;
}
