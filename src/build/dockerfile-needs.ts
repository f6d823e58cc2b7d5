/*
 * What an existing Dockerfile asks of the engine. A `RUN --mount=…` needs a builder that
 * understands it (BuildKit or podman/buildah); the legacy builder rejects the file outright.
 */
import { DockerfileParser, type Flag } from "dockerfile-ast";

export interface DockerfileNeeds {
  readonly cacheMounts: boolean;
  /** The first line using RUN --mount (1-based), for the error message. */
  readonly mountLine: number | null;
}

export function dockerfileNeeds(content: string): DockerfileNeeds {
  const dockerfile = DockerfileParser.parse(content);
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() !== "RUN") continue;
    const flags: Flag[] =
      "getFlags" in instruction ? (instruction as { getFlags(): Flag[] }).getFlags() : [];
    if (flags.some((flag) => flag.getName() === "mount")) {
      return { cacheMounts: true, mountLine: instruction.getRange().start.line + 1 };
    }
  }
  return { cacheMounts: false, mountLine: null };
}
