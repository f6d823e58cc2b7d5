/*
 * A scripted container engine for verify's unit tests: a CommandExecutor that answers the
 * docker commands verify runs, a virtual clock (sleeps advance it instantly), and an HTTP
 * fake tied to the same clock. Each scenario describes one image's behaviour.
 */
import { writeFile } from "node:fs/promises";
import { pack } from "tar-stream";
import type { CommandExecutor, RunResult } from "../../src/core/exec.js";
import type { HttpAnswer } from "../../src/verify/probe-http.js";

export interface Scenario {
  /** Image config as `image inspect` returns it; null = the image does not exist. */
  readonly config?: Record<string, unknown> | null;
  readonly sizeBytes?: number;
  /** ms after start when the main process exits; null = runs until stopped. */
  readonly exitsAfterMs?: number | null;
  readonly exitCode?: number;
  /** ms after start when the port answers; null = never. */
  readonly httpAfterMs?: number | null;
  readonly httpStatus?: number;
  readonly body?: string;
  readonly logs?: string;
  /** ms after start when the first log line appears. */
  readonly logsAfterMs?: number;
  readonly uid?: number;
  readonly stopMs?: number;
  readonly files?: readonly string[];
  /** stderr of `run -d` when the engine cannot start the container. */
  readonly runError?: string;
  /** The app dies on a read-only root filesystem (it writes outside /tmp). */
  readonly needsWritableRoot?: boolean;
  /** The image has no `find` (distroless): the file scan must fall back to `export`. */
  readonly noFind?: boolean;
  /** The image has no python3: verify's in-network probe cannot run. */
  readonly noPython?: boolean;
}

interface Container {
  readonly startedAt: number;
  stoppedAt: number | null;
  /** Started with --read-only (verify's restricted run). */
  readonly readOnly: boolean;
}

const BASE_FILES = [
  "usr/",
  "usr/bin/",
  "usr/bin/python3.11",
  "opt/venv/pyvenv.cfg",
  "app/",
  "app/web.py",
];

export class FakeEngine implements CommandExecutor {
  readonly calls: string[][] = [];
  readonly created: string[] = [];
  readonly removed: string[] = [];
  private time = 0;
  private readonly containers = new Map<string, Container>();

  constructor(private readonly scenario: Scenario) {}

  readonly clock = {
    now: () => this.time,
    sleep: async (ms: number) => {
      this.time += ms;
    },
  };

  readonly http = async (_url: string, _timeoutMs: number): Promise<HttpAnswer | null> => {
    const main = this.mainContainer();
    const after = this.scenario.httpAfterMs;
    if (!main || after === null || after === undefined || !this.running(main)) return null;
    if (this.time - main.startedAt < after) return null;
    return { status: this.scenario.httpStatus ?? 200, body: this.scenario.body ?? "" };
  };

  async run(command: string, args: readonly string[]): Promise<RunResult> {
    this.calls.push([command, ...args]);
    if (command === "sh") return ok(this.exportListing());
    const [verb] = args;
    const name = args[args.indexOf("--name") + 1] ?? "";
    switch (verb) {
      case "image":
        return this.inspect();
      case "run":
        return this.startContainer(name, args);
      case "create":
        this.created.push(name);
        return ok(`${name}\n`);
      case "port":
        return ok("127.0.0.1:49153\n");
      case "inspect":
        return this.state(args.at(-1) ?? "");
      case "logs":
        return ok(this.logs(args));
      case "exec":
        if (args.includes("python3")) return this.execGet();
        return ok(procStatus(this.scenario.uid ?? 10001));
      case "stop":
        return this.stop(args.at(-1) ?? "");
      case "save":
        return this.save(args[args.indexOf("-o") + 1] ?? "");
      case "rm":
        this.removed.push(...args.filter((a) => a.startsWith("pyship-verify-")));
        return ok("");
      default:
        return { exitCode: 1, stdout: "", stderr: `fake: unexpected ${verb}`, timedOut: false };
    }
  }

  async which(command: string): Promise<string | null> {
    return `/usr/bin/${command}`;
  }

  /** Containers (run or create) not removed with `rm -f`. */
  leftovers(): string[] {
    return this.created.filter((name) => !this.removed.includes(name));
  }

  /** `save -o FILE`: a docker-archive with the scenario's files as one layer (all empty). */
  private async save(file: string): Promise<RunResult> {
    const layer = await tarOf(Object.fromEntries(this.listing().map((path) => [path, ""])));
    const config = { config: this.scenario.config ?? {}, history: [{ created_by: "fake" }] };
    const archive = await tarOf({
      "l0/layer.tar": layer,
      "cfg.json": JSON.stringify(config),
      "manifest.json": JSON.stringify([{ Config: "cfg.json", Layers: ["l0/layer.tar"] }]),
    });
    await writeFile(file, archive);
    return ok("");
  }

  /** `exec HELPER python3 -c GET`: the in-network probe, answered like the HTTP fake. */
  private async execGet(): Promise<RunResult> {
    const answer = await this.http("", 0);
    if (answer === null) return { exitCode: 1, stdout: "", stderr: "", timedOut: false };
    return ok(`${JSON.stringify(answer)}\n`);
  }

  private inspect(): RunResult {
    if (this.scenario.config === null) {
      return { exitCode: 1, stdout: "", stderr: "Error: No such image: x", timedOut: false };
    }
    const Config = { Cmd: ["gunicorn"], User: "10001", Env: [], ...this.scenario.config };
    return ok(JSON.stringify([{ Size: this.scenario.sizeBytes ?? 150_000_000, Config }]));
  }

  private startContainer(name: string, args: readonly string[]): RunResult {
    this.created.push(name);
    const entrypoint = args.includes("--entrypoint")
      ? args[args.indexOf("--entrypoint") + 1]
      : null;
    if (entrypoint === "python3" && this.scenario.noPython) {
      const stderr = 'exec: "python3": executable file not found in $PATH';
      return { exitCode: 127, stdout: "", stderr, timedOut: false };
    }
    if (entrypoint === "find") {
      if (this.scenario.noFind) {
        return {
          exitCode: 127,
          stdout: "",
          stderr: 'exec: "find": executable file not found',
          timedOut: false,
        };
      }
      return ok(
        this.listing()
          .map((path) => `/${path}`)
          .join("\n"),
      );
    }
    if (entrypoint !== null) return ok(procStatus(this.scenario.uid ?? 10001));
    if (this.scenario.runError)
      return { exitCode: 127, stdout: "", stderr: this.scenario.runError, timedOut: false };
    const readOnly = args.includes("--read-only");
    this.containers.set(name, { startedAt: this.time, stoppedAt: null, readOnly });
    return ok(`${name}\n`);
  }

  /** The latest app container: verify runs the app once normally, then once restricted. */
  private mainContainer(): Container | undefined {
    return [...this.containers.values()].at(-1);
  }

  private running(container: Container): boolean {
    const exits = this.scenario.exitsAfterMs;
    if (container.readOnly && this.scenario.needsWritableRoot) return false;
    const exited =
      exits !== null && exits !== undefined && this.time - container.startedAt >= exits;
    return !exited && container.stoppedAt === null;
  }

  private state(name: string): RunResult {
    const container = this.containers.get(name);
    if (!container)
      return { exitCode: 1, stdout: "", stderr: "no such container", timedOut: false };
    const running = this.running(container);
    return ok(`${running} ${running ? 0 : (this.scenario.exitCode ?? 0)}\n`);
  }

  private logs(args: readonly string[]): string {
    const main = this.mainContainer();
    const visible = main && this.time - main.startedAt >= (this.scenario.logsAfterMs ?? 0);
    const text = visible ? (this.scenario.logs ?? "") : "";
    if (!args.includes("--tail")) return text;
    const tail = Number(args[args.indexOf("--tail") + 1]);
    return text.split("\n").filter(Boolean).slice(-tail).join("\n");
  }

  private stop(name: string): RunResult {
    const container = this.containers.get(name);
    this.time += this.scenario.stopMs ?? 300;
    if (container) container.stoppedAt = this.time;
    return ok(`${name}\n`);
  }

  private listing(): string[] {
    return [...BASE_FILES, ...(this.scenario.files ?? [])];
  }

  private exportListing(): string {
    return this.listing().join("\n");
  }
}

function ok(stdout: string): RunResult {
  return { exitCode: 0, stdout, stderr: "", timedOut: false };
}

function procStatus(uid: number): string {
  return `Name:\tgunicorn\nState:\tS (sleeping)\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\nGid:\t${uid}\t${uid}\t${uid}\t${uid}\n`;
}

async function tarOf(files: Readonly<Record<string, string | Buffer>>): Promise<Buffer> {
  const archive = pack();
  for (const [name, content] of Object.entries(files))
    if (!name.endsWith("/")) archive.entry({ name }, content);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
