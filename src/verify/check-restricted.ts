/*
 * Runs the image a second time the way careful platforms do (Kubernetes' restricted profile:
 * numeric non-root user, all capabilities dropped, no privilege escalation, read-only root
 * filesystem, writable /tmp only) and reports whether it still works. Also: a USER given as a
 * name, which `runAsNonRoot` refuses because it cannot prove the user is not root.
 * Both are warnings: many apps are fine on a normal runtime; the report says what to change.
 */
import type { VerifyCheck, VerifyMode } from "../core/pipeline.js";
import { english, msg } from "../i18n/message.js";
import { EngineSession } from "./engine-session.js";
import type { ImageFacts } from "./inspect-image.js";
import type { ProbeContext, RunOutcome } from "./probe-context.js";
import { detailOf } from "./probe-context.js";
import { probeProcess } from "./probe-process.js";
import { probeWeb } from "./probe-web.js";

/** The uid the restricted run uses when the image's own user is root or a name we can't resolve. */
const FALLBACK_UID = 10001;

export function numericUserCheck(facts: ImageFacts): VerifyCheck {
  const user = facts.user.split(":")[0] ?? "";
  if (/^\d+$/.test(user) && user !== "0")
    return { name: "numeric-user", status: "pass", detail: `USER ${facts.user}` };
  const detail =
    user === "" || user === "0" || user === "root"
      ? "the image's USER is root"
      : `USER ${facts.user} is a name: Kubernetes runAsNonRoot refuses it (it cannot verify the user is non-root); use a numeric USER like 10001:10001`;
  return { name: "numeric-user", status: "warn", detail };
}

export async function restrictedCheck(
  ctx: ProbeContext,
  mode: VerifyMode,
  port: number | null,
  uid: number | null,
): Promise<VerifyCheck> {
  const runAs = uid !== null && uid !== 0 ? uid : FALLBACK_UID;
  const session = new EngineSession(
    ctx.session.executor,
    ctx.session.client,
    { user: `${runAs}:${runAs}` },
    ctx.session.emulated,
  );
  ctx.progress(msg("verify.p.restricted"));
  try {
    const hardened = { ...ctx, session };
    const outcome =
      mode === "web" ? await probeWeb(hardened, port ?? 0) : await probeProcess(hardened, mode);
    return toCheck(outcome, runAs);
  } finally {
    await session.removeAll();
  }
}

/** What a run must do to count as working: answer (or run, or finish), whoever it runs as. */
const WORKING = new Set(["http", "expect", "start", "stays-up", "output", "exit"]);

function toCheck(outcome: RunOutcome, uid: number): VerifyCheck {
  const how = msg("verify.restricted.how", { uid });
  const failed = outcome.checks.find((check) => WORKING.has(check.name) && check.status === "fail");
  if (outcome.failure === null && failed === undefined)
    return { name: "restricted", status: "pass", ...detailOf(msg("verify.d.restricted", { how })) };
  const lastLine = (outcome.failure?.logTail ?? "").trim().split("\n").at(-1) ?? "";
  const message = outcome.failure?.message ?? failed?.detail;
  const why =
    message === undefined
      ? msg("verify.restricted.itFailed")
      : lastLine === ""
        ? message
        : `${message}: ${lastLine}`;
  const note = msg("verify.restricted.fails", { how, why });
  return { name: "restricted", status: "warn", detail: english(note), note };
}
