/*
 * What `runRelease` (run-release.ts) needs from its caller and tells it back. The build is a
 * port so the CLI reuses `runBuild` with its own progress display, and so a multi-platform
 * build (a manifest list) can stand in for the single image; registry and publisher are ports
 * so unit tests run the whole release against fakes.
 */
import type { BuildOptions, BuildOutcome } from "../build/build-ports.js";
import type { Engine } from "../build/engine.js";
import type { CommandExecutor } from "../core/exec.js";
import type {
  GitFacts,
  ReleaseImage,
  ReleaseVersion,
  TagOutcome,
  TagPlan,
} from "../core/pipeline.js";
import type { RegistryClient } from "./registry-client.js";

export interface ReleaseOptions {
  /** The project directory as the user named it (for messages). */
  readonly dir: string;
  /** The same directory, absolute. */
  readonly root: string;
  /** `HOST/NAMESPACE` (`--registry`); null only for a dry run. */
  readonly registry: string | null;
  readonly dryRun: boolean;
  /** Overwrite a release tag that holds a different image. */
  readonly force: boolean;
  /** Absolute path for the CycloneDX SBOM, or null. */
  readonly sbomFile: string | null;
  /** Target platforms; empty: the engine's own. */
  readonly platforms: readonly string[];
  /** What else the build takes (engine, network, base image, no-cache, log). */
  readonly build: Pick<BuildOptions, "engine" | "network" | "baseImage" | "noCache" | "logFile">;
}

/** Pushes an image (or a manifest list) under a registry reference; answers its digest. */
export interface ImagePublisher {
  push(image: ReleaseImage, ref: string): Promise<string | null>;
}

/** The built, verified image: what the release pushes, and the engine that holds it. */
export interface ReleaseBuild {
  readonly outcome: BuildOutcome;
  readonly image: ReleaseImage;
  readonly engine: Engine;
}

export interface ReleaseEvents {
  readonly versionFound: (version: ReleaseVersion | null, git: GitFacts) => void;
  readonly planned: (repository: string, plan: TagPlan) => void;
  readonly tagDone: (outcome: TagOutcome) => void;
  readonly sbomWritten: (file: string, components: number) => void;
}

export interface ReleasePorts {
  readonly executor: CommandExecutor;
  readonly build: (options: BuildOptions) => Promise<ReleaseBuild>;
  /** A client for the registry at `host` (credentials from the engine's login). */
  readonly registry: (host: string) => RegistryClient;
  /** Pushes what was built: the image with its engine, or the manifest list (kind). */
  readonly publisher: (built: ReleaseBuild) => ImagePublisher;
  readonly events: ReleaseEvents;
}
