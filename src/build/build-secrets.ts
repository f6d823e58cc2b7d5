/*
 * The build's secrets and the arguments that go with them: a generated Dockerfile's plan
 * names the index hosts that need credentials; a Dockerfile of the user's that mounts
 * pyship's secret gets every index credential set here. Missing ones: E_SECRET_UNSET.
 */
import { PyshipError } from "../core/errors.js";
import type { Plan } from "../core/pipeline.js";
import { msg } from "../i18n/message.js";
import { INDEX_SECRET_ID, indexSecret, secretHashArg } from "../mirror/index-secret.js";
import { mirrorBuildArgs } from "../mirror/mirror-build-args.js";
import type { BuildPorts, BuildSession } from "./build-ports.js";

/** The session with the plan's mirror values and secret added (the user's --build-arg win). */
export function withPlanInputs(session: BuildSession, plan: Plan | undefined): BuildSession {
  if (plan === undefined) return session;
  const hosts = plan.index?.secret?.hosts;
  const withArgs = withInputs(session, mirrorBuildArgs(plan.mirror, plan.baseImage), hosts ?? null);
  if (!plan.verifyEnv?.length) return withArgs;
  const verifyEnv = Object.fromEntries(plan.verifyEnv.map((v) => [v.name, v.value]));
  return { ...withArgs, options: { ...withArgs.options, verifyEnv } };
}

/** A Dockerfile of the user's: mirror values from the flags; pyship's secret if it mounts it. */
export function withUserDockerfileInputs(session: BuildSession, dockerfile: string): BuildSession {
  const mountsSecret = dockerfile.includes(`type=secret,id=${INDEX_SECRET_ID}`);
  const hosts = mountsSecret ? credentialsOf(session.ports).map((c) => c.host) : null;
  if (hosts !== null && hosts.length === 0) throw unset();
  return withInputs(session, mirrorBuildArgs(session.options.mirror, "python"), hosts);
}

function withInputs(
  session: BuildSession,
  mirrorArgs: readonly string[],
  hosts: readonly string[] | null,
): BuildSession {
  const { options, ports } = session;
  const secret = hosts === null ? null : indexSecret(hosts, credentialsOf(ports));
  const hashArg = secret === null ? [] : [secretHashArg(secret, ports.secretKey?.() ?? "")];
  return {
    ...session,
    options: {
      ...options,
      buildArgs: [...mirrorArgs, ...hashArg, ...options.buildArgs],
      secrets: secret === null ? [] : [secret],
    },
  };
}

function credentialsOf(ports: BuildPorts) {
  return ports.indexCredentials?.() ?? [];
}

function unset(): PyshipError {
  return new PyshipError("E_SECRET_UNSET", msg("secret.unset", { id: INDEX_SECRET_ID }), {
    hint: msg("secret.unset.hint"),
  });
}
