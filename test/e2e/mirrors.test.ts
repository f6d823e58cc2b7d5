/*
 * Mirrors and private indexes on real servers (mirror-servers.ts), builds with --network host:
 * - a private index that requires basic auth (pypiserver + htpasswd): the credentials come
 *   from pip's setting (user:password@ in PIP_EXTRA_INDEX_URL) and reach the build only as a
 *   BuildKit secret; the password is in no output, Dockerfile, history, image config or layer;
 * - an apt mirror (apt-cacher-ng): `--apt-mirror URL` fetches the Debian packages through it
 *   (its log shows them), and the image's own apt sources stay the base image's.
 */
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { NodeExecutor } from "../../src/core/node-executor.js";
import { describeE2e } from "./engine.js";
import { aptCache, authIndex } from "./mirror-servers.js";
import { copyFixture, removeDir, removeImages, runPyship } from "./pyship-cli.js";

const MARKER = "served by the private index";
const executor = new NodeExecutor();

/** The marker wheel (flat, as pypiserver serves a folder), written with the standard library. */
const MAKE_WHEEL = `
import base64, hashlib, os, sys, zipfile
folder, name, version = sys.argv[1], "pyship_private_marker", "1.0.0"
info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": 'MARKER = "${MARKER}"\\n',
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: pyship-private-marker\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: pyship-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(os.path.join(folder, f"{name}-{version}-py3-none-any.whl"), "w") as wheel:
    for path, text in files.items():
        data = text.encode()
        wheel.writestr(path, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;

async function engineText(client: string, args: string[]): Promise<string> {
  const result = await executor.run(client, args, { timeoutMs: 120_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

/** How often the text occurs in the image's saved layers (every file of every layer). */
async function countInSavedImage(client: string, tag: string, text: string): Promise<number> {
  const script = `${client} save ${tag} | tar -xO --wildcards '*' 2>/dev/null | grep -a -c -F "$1" || true`;
  const result = await executor.run("sh", ["-c", script, "sh", text], { timeoutMs: 180_000 });
  return Number(result.stdout.trim() || "0");
}

describeE2e("mirrors and private indexes on real servers", (engine) => {
  const tags: string[] = [];
  const stops: Array<() => void> = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const stop of stops) stop();
    await removeImages(engine, tags);
    for (const dir of dirs) await removeDir(dir);
  });

  it("installs from an index behind basic auth with the password as a secret, and keeps it nowhere", async () => {
    const dir = await copyFixture("private-index-app");
    const root = await mkdtemp(join(tmpdir(), "pyship-mirrors-index-"));
    dirs.push(dir, root);
    const packages = join(root, "packages");
    await mkdir(packages);
    const made = await executor.run("python3", ["-c", MAKE_WHEEL, packages]);
    expect(made.exitCode, made.stderr).toBe(0);
    const password = `pw-${randomUUID()}`;
    const server = await authIndex(packages, "pyship-mirrors", password);
    stops.push(server.stop);
    const url = `http://pyship-mirrors:${password}@127.0.0.1:${server.port}/simple/`;
    const env = {
      PIP_CONFIG_FILE: "/dev/null",
      PIP_EXTRA_INDEX_URL: url,
      PIP_TRUSTED_HOST: "127.0.0.1",
    };
    const tag = "pyship-mirrors-e2e-auth-index:test";
    tags.push(tag);
    const args = ["build", dir, "--tag", tag, "--no-verify", "--network", "host"];
    const build = await runPyship(engine, args, 600_000, env);
    const output = `${build.stdout}\n${build.stderr}`;
    expect(build.exitCode, output).toBe(0);
    expect(output).not.toContain(password);
    const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
    expect(dockerfile).toContain("--mount=type=secret,id=pyship_index_netrc");
    expect(dockerfile).toContain(`ARG UV_INDEX="http://127.0.0.1:${server.port}/simple/"`);
    expect(dockerfile).not.toContain(password);
    // The index answered the download only after authenticating.
    expect(server.log()).toMatch(/pyship_private_marker-1\.0\.0-py3-none-any\.whl/);
    // The secret's hash argument belongs to the builder stage: not even it is in the final image.
    const history = await engineText(engine.client, ["history", "--no-trunc", tag]);
    expect(history).not.toContain("PYSHIP_INDEX_SECRET_HASH");
    expect(history).not.toContain(password);
    expect(await engineText(engine.client, ["image", "inspect", tag])).not.toContain(password);
    expect(await countInSavedImage(engine.client, tag, password)).toBe(0);
    // The package only that index has is in the image (no network needed to ask).
    const marker = await engineText(engine.client, [
      "run",
      "--rm",
      "--network",
      "none",
      "--entrypoint",
      "python",
      tag,
      "-c",
      "import pyship_private_marker as m; print(m.MARKER)",
    ]);
    expect(marker.trim()).toBe(MARKER);

    // The same Dockerfile without credentials set: one line, its own exit code, no build.
    const unset = await runPyship(engine, args, 120_000, { PIP_CONFIG_FILE: "/dev/null" });
    expect(unset.exitCode).toBe(13);
    expect(unset.stderr).toMatch(/^error \[E_SECRET_UNSET\] .*pyship_index_netrc/m);
  });

  it("fetches the Debian packages through an apt mirror given with --apt-mirror", async () => {
    const dir = await copyFixture("pyship-config");
    const root = await mkdtemp(join(tmpdir(), "pyship-mirrors-apt-"));
    dirs.push(dir, root);
    const cache = await aptCache(root);
    stops.push(cache.stop);
    const mirror = `http://127.0.0.1:${cache.port}/deb.debian.org/debian`;
    const tag = "pyship-mirrors-e2e-apt:test";
    tags.push(tag);
    const args = [
      "build",
      dir,
      "--tag",
      tag,
      "--no-verify",
      "--network",
      "host",
      "--apt-mirror",
      mirror,
    ];
    const build = await runPyship(engine, args, 600_000);
    expect(build.exitCode, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(await readFile(join(dir, "Dockerfile"), "utf8")).toContain("ARG PYSHIP_APT_MIRROR=");
    // apt-cacher-ng logged the index and the package it fetched for the build.
    expect(cache.log()).toMatch(/deb\.debian\.org\/debian\/dists\/bookworm/);
    expect(cache.log()).toMatch(/curl_[^ ]+\.deb/);
    const sources = await engineText(engine.client, [
      "run",
      "--rm",
      "--network",
      "none",
      "--entrypoint",
      "sh",
      tag,
      "-c",
      "cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null; ls /etc/apt/sources.list.d",
    ]);
    expect(sources).toContain("deb.debian.org/debian");
    expect(sources).not.toContain("127.0.0.1");
    expect(sources).not.toContain(".pyship");
  });
});
