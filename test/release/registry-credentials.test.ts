import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CommandExecutor } from "../../src/core/exec.js";
import { authFiles, findCredentials } from "../../src/release/registry-credentials.js";

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** A credential helper that knows one host. */
const helper: CommandExecutor = {
  async run(command, _args, options) {
    const known = command === "docker-credential-pass" && options?.input === "ghcr.io";
    return known
      ? {
          exitCode: 0,
          stdout: JSON.stringify({ Username: "bot", Secret: "from-helper" }),
          stderr: "",
          timedOut: false,
        }
      : { exitCode: 1, stdout: "", stderr: "credentials not found", timedOut: false };
  },
  async which() {
    return null;
  },
};

function configFile(content: object): string {
  const file = join(mkdtempSync(join(tmpdir(), "pyship-release-auth-")), "config.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("findCredentials", () => {
  const docker = configFile({
    auths: {
      "127.0.0.1:5000": { auth: b64("ci:pa:ss") },
      "https://index.docker.io/v1/": { auth: b64("hub:hubpass") },
    },
    credHelpers: { "ghcr.io": "pass" },
  });
  it.each([
    [
      "auths, a password with a colon",
      "127.0.0.1:5000",
      { username: "ci", secret: "pa:ss", from: docker },
    ],
    [
      "credHelpers run the helper",
      "ghcr.io",
      { username: "bot", secret: "from-helper", from: "docker-credential-pass" },
    ],
    [
      "Docker Hub's old index key",
      "registry-1.docker.io",
      { username: "hub", secret: "hubpass", from: docker },
    ],
    ["no login for the host", "quay.io", null],
  ] as const)("%s", async (_what, host, expected) => {
    expect(await findCredentials(host, [docker], helper)).toStrictEqual(expected);
  });

  it("podman's auth file comes before docker's", async () => {
    const podman = configFile({ auths: { "quay.io": { auth: b64("p:podman") } } });
    const files = [podman, docker];
    expect((await findCredentials("quay.io", files, helper))?.secret).toBe("podman");
    expect((await findCredentials("127.0.0.1:5000", files, helper))?.username).toBe("ci");
  });
});

describe("authFiles", () => {
  it.each([
    ["docker", { HOME: "/h" }, ["/h/.docker/config.json"]],
    ["docker", { HOME: "/h", DOCKER_CONFIG: "/cfg" }, ["/cfg/config.json"]],
    [
      "podman",
      { HOME: "/h", XDG_RUNTIME_DIR: "/run/user/0" },
      [
        "/run/user/0/containers/auth.json",
        "/h/.config/containers/auth.json",
        "/h/.docker/config.json",
      ],
    ],
    [
      "podman",
      { HOME: "/h", REGISTRY_AUTH_FILE: "/a.json" },
      ["/a.json", "/h/.config/containers/auth.json", "/h/.docker/config.json"],
    ],
  ] as const)("%s %j", (engine, env, files) => {
    expect(authFiles(engine, env)).toStrictEqual(files);
  });
});
