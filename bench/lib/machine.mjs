// Where the numbers were measured: hardware, OS, engine and client versions, pyship commit,
// and the load at start and end (figures from a busy machine are not comparable).
import { readFile } from "node:fs/promises";
import os from "node:os";

/** @param {{ docker: import("./docker.mjs").Docker, executor: any, repo: string }} deps */
export async function describeMachine({ docker, executor, repo }) {
  const q = async (args) => {
    const r = await executor.run(docker.client, args, { timeoutMs: 30_000 });
    return r.exitCode === 0 ? r.stdout.trim() : "unknown";
  };
  const git = await executor.run("git", ["-C", repo, "rev-parse", "--short", "HEAD"]);
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    os: await distro(),
    node: process.version,
    engine: await q(["version", "--format", "{{.Server.Version}}"]),
    client: `${docker.client} ${await q(["version", "--format", "{{.Client.Version}}"])}`,
    builder: docker.buildkit ? "BuildKit (DOCKER_BUILDKIT=1)" : "legacy builder",
    storage: await q(["info", "--format", "{{.Driver}}, cgroup v{{.CgroupVersion}}"]),
    pyshipCommit: git.exitCode === 0 ? git.stdout.trim() : "unknown",
    loadAtStart: os.loadavg()[0],
  };
}

async function distro() {
  try {
    const text = await readFile("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}
