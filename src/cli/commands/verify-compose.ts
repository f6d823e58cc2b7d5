/*
 * `pyship verify --compose [DIR]`: writes nothing; plans the compose file the way
 * `pyship compose` would, requires it to be on disk (the user's, possibly edited), then runs
 * the stack (src/compose/verify-compose.ts) and prints each service's state and the probe.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { composeProject } from "../../compose/compose-project.js";
import { verifyCompose } from "../../compose/verify-compose.js";
import { PyshipError } from "../../core/errors.js";
import type { ComposePlan, ComposeReport } from "../../core/pipeline.js";
import { type Message, msg } from "../../i18n/message.js";
import { diagnoseRun } from "../../verify/diagnose-run.js";
import { fetchHttp, realClock } from "../../verify/probe-http.js";
import type { CliContext } from "../context.js";
import { t } from "../i18n.js";
import { loadPlan } from "../load-plan.js";

export interface VerifyComposeFlags {
  readonly timeout?: string;
  readonly path?: string;
  readonly json?: boolean;
}

export async function runVerifyCompose(
  dir: string,
  flags: VerifyComposeFlags,
  ctx: CliContext,
  client: string,
): Promise<void> {
  const { facts, plan, root } = await loadPlan(dir, {}, ctx);
  const { plan: composePlan } = composeProject(facts, plan);
  if (!existsSync(join(root, composePlan.file)))
    throw new PyshipError(
      "E_CONFIG",
      msg("verifyCompose.noFile", { file: composePlan.file, root }),
      {
        file: composePlan.file,
        hint: msg("verifyCompose.noFile.hint"),
      },
    );
  const ports = { executor: ctx.executor, client, http: fetchHttp, clock: realClock };
  const timeoutSeconds = flags.timeout === undefined ? 120 : Number(flags.timeout);
  const report = await verifyCompose(composePlan, ports, {
    root,
    timeoutSeconds,
    ...(flags.path ? { path: flags.path } : {}),
  });
  if (flags.json) ctx.out(JSON.stringify(report, null, 2));
  else printComposeReport(ctx, report);
  if (!report.ok)
    throw new PyshipError("E_VERIFY_FAILED", report.failure ?? "compose verification failed", {
      file: composePlan.file,
      ...(report.logTail ? { details: report.logTail } : {}),
      hint: composeFailureHint(report, composePlan),
    });
}

/**
 * What the stack's logs say (the same diagnosis as `pyship verify`), and the variables the
 * code cannot run without that compose.yaml gives no value: the likely cause, named.
 */
function composeFailureHint(report: ComposeReport, plan: ComposePlan): Message {
  const diagnosis = report.logTail ? diagnoseRun(report.logTail) : null;
  const left = plan.warnings
    .filter((w) => w.code === "compose-required-env")
    .map((w) => /^\S+/.exec(w.message)?.[0] ?? "");
  const base = diagnosis?.hintText ?? msg("verifyCompose.failed.hint");
  if (left.length === 0) return base;
  return msg("build.hintThen", {
    hint: base,
    more: msg("verifyCompose.left", { names: left.join(", ") }),
  });
}

function printComposeReport(ctx: CliContext, report: ComposeReport): void {
  ctx.out(t(ctx.lang, "verifyCompose.heading", { project: report.project }));
  for (const service of report.services)
    ctx.out(
      `  ${service.name.padEnd(12)} ${service.state}${service.health ? ` (${service.health})` : ""}`,
    );
  if (report.healthyMs !== null && report.ok)
    ctx.out(
      t(ctx.lang, "verifyCompose.healthy", { seconds: (report.healthyMs / 1000).toFixed(1) }),
    );
  if (report.probe)
    ctx.out(
      t(ctx.lang, "verifyCompose.probe", {
        url: report.probe.url,
        status: report.probe.status ?? "-",
      }),
    );
  if (report.ok) ctx.out(t(ctx.lang, "verifyCompose.pass"));
}
