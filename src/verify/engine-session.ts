/*
 * The engine commands verify needs (docker or podman: same CLI for these), with every
 * container it creates remembered so `removeAll` can clean up on any outcome.
 */
import { randomBytes } from "node:crypto";
import { PyshipError } from "../core/errors.js";
import { type CommandExecutor, describeCommand, type RunResult } from "../core/exec.js";
import { msg } from "../i18n/message.js";

export interface ContainerState {
  readonly running: boolean;
  readonly exitCode: number;
}

export interface RunSpec {
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  /** Container port to publish on 127.0.0.1 (a random host port). */
  readonly publish?: number;
  /** `--network`, e.g. `container:NAME` to join another container's network namespace. */
  readonly network?: string;
  readonly entrypoint?: string;
  /** Override the image's user (the file scan runs as root to see every directory). */
  readonly user?: string;
  readonly args?: readonly string[];
}

/**
 * Kubernetes' "restricted" Pod Security profile as engine flags: a numeric non-root user, no
 * capabilities, no privilege escalation, a read-only root filesystem with a writable /tmp.
 */
export interface Hardening {
  /** `uid` or `uid:gid`, numeric. */
  readonly user: string;
}

function hardeningFlags(hardening: Hardening): string[] {
  return [
    "--user",
    hardening.user,
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
    "--read-only",
    "--tmpfs",
    "/tmp:rw,exec,nosuid,nodev,size=256m",
  ];
}

/** How long a daemon may still take to create a container whose client was interrupted. */
const LATE_CREATE_MS = 1000;

export class EngineSession {
  private readonly created: string[] = [];
  private interrupted = false;
  private readonly inFlight = new Set<Promise<RunResult>>();

  constructor(
    readonly executor: CommandExecutor,
    readonly client: string,
    /** When set, every container this session runs is hardened (see Hardening). */
    private readonly hardening: Hardening | null = null,
    /**
     * The image is of a foreign architecture and runs under qemu. Its containers get an init
     * as PID 1 (`--init`): qemu as PID 1 cannot re-raise a signal to itself (a Python
     * stopped by SIGINT then hangs until SIGKILL, on emulation only); timings are emulated.
     */
    readonly emulated = false,
  ) {}

  /** Ctrl-C: remove the containers now; every later command fails instead of running. */
  async interrupt(): Promise<void> {
    this.interrupted = true;
    const names = [...this.created];
    await this.removeAll();
    // A `run` already sent can still create its container after that removal (the client
    // got the SIGINT too, the daemon carries on): wait for it, give the daemon a moment, and
    // remove the same names again.
    await Promise.allSettled([...this.inFlight]);
    await new Promise((resolve) => setTimeout(resolve, LATE_CREATE_MS));
    if (names.length > 0)
      await this.executor.run(this.client, ["rm", "-f", "-v", ...names], { timeoutMs: 60_000 });
  }

  /** Runs the client; throws E_VERIFY_FAILED with stderr when the command fails. */
  async must(args: readonly string[], timeoutMs = 60_000): Promise<string> {
    const result = await this.try(args, timeoutMs);
    if (result.exitCode !== 0 || result.timedOut) throw commandFailed(this.client, args, result);
    return result.stdout;
  }

  /** Runs the client and returns the raw result; callers decide what a failure means. */
  async try(args: readonly string[], timeoutMs = 60_000): Promise<RunResult> {
    if (this.interrupted && args[0] !== "rm") {
      throw new PyshipError("E_VERIFY_FAILED", msg("verify.interrupted"));
    }
    const running = this.executor.run(this.client, args, { timeoutMs });
    this.inFlight.add(running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  /** `run -d`: starts a named container in the background and returns its name. */
  async start(spec: RunSpec): Promise<string> {
    const name = `pyship-verify-${randomBytes(4).toString("hex")}`;
    this.created.push(name);
    await this.must([
      "run",
      "-d",
      "--name",
      name,
      ...this.flags(spec),
      spec.image,
      ...(spec.args ?? []),
    ]);
    return name;
  }

  /** Runs a named container in the foreground until it exits (removed by removeAll). */
  runToEnd(spec: RunSpec, timeoutMs = 60_000): Promise<RunResult> {
    const name = `pyship-verify-${randomBytes(4).toString("hex")}`;
    this.created.push(name);
    const args = ["run", "--name", name, ...this.flags(spec), spec.image, ...(spec.args ?? [])];
    return this.try(args, timeoutMs);
  }

  /** `create`: a container that never starts, for exporting the image's files. */
  async create(image: string): Promise<string> {
    const name = `pyship-verify-${randomBytes(4).toString("hex")}`;
    this.created.push(name);
    await this.must(["create", "--name", name, "--entrypoint", "/pyship-never-started", image]);
    return name;
  }

  /** The 127.0.0.1 host port the engine picked for a published container port. */
  async hostPort(name: string, port: number): Promise<number> {
    const out = await this.must(["port", name, `${port}/tcp`]);
    const match = /:(\d+)\s*$/m.exec(out.trim().split("\n")[0] ?? "");
    if (!match?.[1]) throw new PyshipError("E_VERIFY_FAILED", msg("verify.publishedPort", { out }));
    return Number(match[1]);
  }

  async state(name: string): Promise<ContainerState> {
    const out = await this.must([
      "inspect",
      "--format",
      "{{.State.Running}} {{.State.ExitCode}}",
      name,
    ]);
    const [running, code] = out.trim().split(/\s+/);
    return { running: running === "true", exitCode: Number(code ?? 0) };
  }

  /** stdout and stderr of the container, interleaved as the engine returns them. */
  async logs(name: string, tail?: number): Promise<string> {
    const args = tail === undefined ? ["logs", name] : ["logs", "--tail", String(tail), name];
    const result = await this.try(args);
    return `${result.stdout}${result.stderr}`;
  }

  private flags(spec: RunSpec): string[] {
    const init = this.emulated ? ["--init"] : [];
    if (this.hardening === null) return [...init, ...runFlags(spec)];
    return [...init, ...runFlags({ ...spec, user: undefined }), ...hardeningFlags(this.hardening)];
  }

  /** Removes every container this session created; never throws (cleanup path). */
  async removeAll(): Promise<void> {
    const names = this.created.splice(0);
    if (names.length > 0) await this.try(["rm", "-f", "-v", ...names]);
  }
}

function runFlags(spec: RunSpec): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(spec.env)) flags.push("-e", `${key}=${value}`);
  if (spec.publish !== undefined) flags.push("-p", `127.0.0.1::${spec.publish}`);
  if (spec.network !== undefined) flags.push("--network", spec.network);
  if (spec.entrypoint !== undefined) flags.push("--entrypoint", spec.entrypoint);
  if (spec.user !== undefined) flags.push("--user", spec.user);
  return flags;
}

function commandFailed(client: string, args: readonly string[], result: RunResult): PyshipError {
  const command = describeCommand(client, args);
  return new PyshipError(
    "E_VERIFY_FAILED",
    result.timedOut
      ? msg("exec.timedOut", { command })
      : msg("exec.exited", { command, code: result.exitCode }),
    {
      details: result.stderr.trim() || undefined,
    },
  );
}
