/*
 * A scripted machine for build/doctor unit tests: docker and podman clients at given paths,
 * each answering `version`, `buildx version/inspect`, the BuildKit probe and `build` the way
 * a real client in that state would (daemon down, socket not ours, no buildx plugin, …).
 */
import { writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { CommandExecutor, RunOptions, RunResult } from "../../src/core/exec.js";

export interface FakeClient {
  readonly path: string;
  readonly version?: string;
  /** Daemon version; null with `daemonError` when it does not answer. */
  readonly server?: string | null;
  readonly daemonError?: string;
  readonly buildx?: string | null;
  /** true: DOCKER_BUILDKIT=1 builds work; a string: the refusal printed. */
  readonly buildkit?: true | string;
  /** Output lines and exit code of `build` (the real build, not the probe). */
  readonly build?: { readonly exitCode: number; readonly lines: readonly string[] };
  /** docker: `tag` and `push` succeed (a registry that takes the push). */
  readonly pushes?: boolean;
  /** podman: whether `--platform` builds get that architecture (qemu), or the host's. */
  readonly emulates?: boolean;
}

export const DAEMON_DOWN =
  "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
export const SOCKET_DENIED =
  'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied';
export const NO_BUILDX =
  "ERROR: BuildKit is enabled but the buildx component is missing or broken.";

const ok = (stdout = ""): RunResult => ({ exitCode: 0, stdout, stderr: "", timedOut: false });
const fail = (stderr: string, exitCode = 1): RunResult => ({
  exitCode,
  stdout: "",
  stderr,
  timedOut: false,
});

export class FakeEngines implements CommandExecutor {
  readonly calls: { command: string; args: readonly string[]; env?: RunOptions["env"] }[] = [];
  /** The platform each podman build was made for, by tag. */
  private readonly built = new Map<string, string>();

  constructor(private readonly clients: readonly FakeClient[]) {}

  async which(command: string): Promise<string | null> {
    return this.clients.some((c) => c.path === command) ? command : null;
  }

  async run(
    command: string,
    args: readonly string[],
    options: RunOptions = {},
  ): Promise<RunResult> {
    this.calls.push({ command, args, env: options.env });
    const client = this.clients.find((c) => c.path === command);
    if (!client) return fail(`${command}: not found`, 127);
    return basename(command).startsWith("docker")
      ? this.docker(client, args, options)
      : this.podman(client, args, options);
  }

  private docker(c: FakeClient, args: readonly string[], options: RunOptions): RunResult {
    const [verb, sub] = args;
    const version = c.version ?? "20.10.24";
    if (verb === "version") {
      if (c.server === null)
        return {
          exitCode: 1,
          stdout: `${version}||/`,
          stderr: c.daemonError ?? DAEMON_DOWN,
          timedOut: false,
        };
      return ok(`${version}|${c.server ?? version}|linux/amd64\n`);
    }
    if (verb === "buildx") {
      if (!c.buildx) return fail("docker: 'buildx' is not a docker command.");
      if (sub === "imagetools")
        return ok(`Name: ${args.at(-1)}\nDigest: sha256:${"a".repeat(64)}\n`);
      return sub === "version"
        ? ok(`github.com/docker/buildx ${c.buildx} abc\n`)
        : ok("Name: default\nPlatforms: linux/amd64, linux/arm64*\n");
    }
    if (verb === "context") return ok("default\n");
    if (c.pushes && (verb === "tag" || verb === "push")) return ok();
    if (verb === "image") return ok("220000000\n");
    if (verb === "build" && args.includes("-q")) {
      return c.buildkit === true ? ok("sha256:probe\n") : fail(c.buildkit ?? NO_BUILDX);
    }
    if (verb === "build" || sub === "build") return this.build(c, args, options);
    return fail(`unexpected: docker ${args.join(" ")}`);
  }

  private build(c: FakeClient, args: readonly string[], options: RunOptions): RunResult {
    const script = c.build ?? {
      exitCode: 0,
      lines: ["#1 [internal] load build definition", "#5 [runtime 1/3] FROM python:3.13-slim"],
    };
    for (const line of script.lines) options.onLine?.(line, "stderr");
    const iid = args[args.indexOf("--iidfile") + 1];
    if (script.exitCode === 0 && iid && dirname(iid) !== ".") writeFileSync(iid, "sha256:built\n");
    return {
      exitCode: script.exitCode,
      stdout: "",
      stderr: script.lines.join("\n"),
      timedOut: false,
    };
  }

  private podman(c: FakeClient, args: readonly string[], options: RunOptions): RunResult {
    const [verb, sub] = args;
    if (verb === "--version") return ok(`podman version ${c.version ?? "4.3.1"}\n`);
    if (verb === "info")
      return c.server === null
        ? fail(c.daemonError ?? "cannot set up namespace")
        : ok("linux/amd64\n");
    if (verb === "build") {
      const asked = args.includes("--platform") ? args[args.indexOf("--platform") + 1] : null;
      const tag = args[args.indexOf("-t") + 1] ?? "";
      this.built.set(tag, c.emulates === false || !asked ? "linux/amd64" : asked);
      return this.build(c, args, options);
    }
    if (verb === "image" && args.includes("{{.Os}}/{{.Architecture}}"))
      return ok(`${this.built.get(args.at(-1) ?? "") ?? "linux/amd64"}\n`);
    if (verb === "image") return ok("220000000\n");
    if (verb === "manifest" && sub === "push") {
      writeFileSync(args[args.indexOf("--digestfile") + 1] ?? "", "sha256:list\n");
      return ok();
    }
    if (verb === "manifest" && sub === "rm") return fail("no such manifest list");
    if (verb === "manifest" || verb === "tag") return ok();
    return fail(`unexpected: podman ${args.join(" ")}`);
  }
}

export const PATH_ENV = { PATH: "/usr/local/bin:/usr/bin" };
