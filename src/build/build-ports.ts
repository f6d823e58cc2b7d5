/*
 * What `runBuild` (run-build.ts) needs from its caller and tells it back. The stage never
 * prints: every moment the CLI shows (engine chosen, files generated, build tail, repair,
 * verify progress, push) is an event here, and the outcome is a value the caller prints.
 */
import type { PyshipError } from "../core/errors.js";
import type { CommandExecutor } from "../core/exec.js";
import type {
  BuildResult,
  IndexCredential,
  MirrorPlan,
  Plan,
  ProjectFacts,
  Repair,
  VerifyReport,
} from "../core/pipeline.js";
import type { Message } from "../i18n/message.js";
import type { BuildSecret } from "../mirror/index-secret.js";
import type { MultiPlatformBuild } from "./build-platforms.js";
import type { Engine } from "./engine.js";

export interface BuildOptions {
  /** The project directory as the user named it (for messages). */
  readonly dir: string;
  /** The same directory, absolute. */
  readonly root: string;
  /** Explicit tags; empty means <project>:<version> and :latest. */
  readonly tags: readonly string[];
  /** `K=V` pairs. */
  readonly buildArgs: readonly string[];
  readonly network?: string;
  readonly platform?: string;
  readonly noCache: boolean;
  /** Only applies to a generated Dockerfile; refused next to the user's own. */
  readonly baseImage?: string;
  /** docker, buildx or podman as the user wrote it (checked here). */
  readonly engine?: string;
  readonly verify: boolean;
  readonly push: boolean;
  /** Absolute path where the full log is kept; absent: a temp file, deleted on success. */
  readonly logFile?: string;
  /** Image labels set at build time (`pyship release`'s OCI labels). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Timestamps for a reproducible image (the commit time), where the engine allows. */
  readonly sourceDateEpoch?: number;
  /** Mirrors from the flags, for a Dockerfile of the user's (a generated one uses its plan's). */
  readonly mirror?: MirrorPlan;
  /** Environment for the test container only (the plan's verifyEnv), never the image's. */
  readonly verifyEnv?: Readonly<Record<string, string>>;
  /** Build secrets (the index's netrc), set by the stage itself (build-secrets.ts). */
  readonly secrets?: readonly BuildSecret[];
}

/** A plan of the project with these extra repairs (cache mounts only if the engine has them). */
export type PlanProject = (
  repairs: readonly Repair[],
  cacheMounts: boolean,
  stageMounts: boolean,
) => Promise<{ readonly plan: Plan; readonly facts: ProjectFacts }>;

/** Runs `run` with a signal that aborts on Ctrl-C (only while it runs). */
export type Interruptible = <T>(run: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** Follows one engine build: its output lines, then success (with size) or failure. */
export interface BuildWatch {
  readonly line: (text: string) => void;
  readonly built: (result: BuildResult, sizeBytes: number | null) => void;
  readonly failed: (logFile: string) => void;
}

export interface BuildEvents {
  readonly engineChosen: (engine: Engine) => void;
  /** A first generation wrote these files and kept these (the user's, different). */
  readonly generated: (written: readonly string[], kept: readonly string[]) => void;
  /** Told before each repaired attempt (`attempt` 1 is the first repair). */
  readonly repairing: (repair: Repair, attempt: number) => void;
  readonly building: (tags: readonly string[]) => BuildWatch;
  readonly verifyProgress: (message: Message) => void;
  readonly verified: (report: VerifyReport) => void;
  readonly verifySkipped: () => void;
  readonly pushed: (tag: string) => void;
  /** A multi-platform build gathered its images in one manifest list (see build-platforms.ts). */
  readonly listed?: (build: MultiPlatformBuild) => void;
}

export interface BuildPorts {
  readonly executor: CommandExecutor;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly plan: PlanProject;
  readonly interruptible: Interruptible;
  readonly events: BuildEvents;
  /** The index credentials set on this machine (pip's settings); read only when a build needs them. */
  readonly indexCredentials?: () => readonly IndexCredential[];
  /** The key the secret's hash build argument is keyed with (machine-key.ts). */
  readonly secretKey?: () => string;
  /** True once the user pressed Ctrl-C: the next step (build, verify) is not started. */
  readonly stopRequested?: () => boolean;
}

export interface BuildOutcome {
  readonly result: BuildResult;
  readonly report: VerifyReport | null;
  /** The first repair applied after a known failure, if any (`repairs` has them all). */
  readonly repair: Repair | null;
  /** Every repair applied, in order. */
  readonly repairs: readonly Repair[];
  /** Verification failed: the error to exit with once the outcome is shown. */
  readonly failure: PyshipError | null;
  /** `--platform a,b`: every platform's image and the manifest list (absent otherwise). */
  readonly platforms?: MultiPlatformBuild;
}

/** One run of the stage: its inputs and the engine chosen for it. */
export interface BuildSession {
  readonly options: BuildOptions;
  readonly ports: BuildPorts;
  readonly engine: Engine;
}

/** One attempt: the image built under these tags and its verification (null: skipped). */
export interface Built {
  readonly tags: readonly string[];
  readonly result: BuildResult;
  readonly report: VerifyReport | null;
  /** `--platform a,b`: the images per platform and their manifest list. */
  readonly platforms?: MultiPlatformBuild;
}
