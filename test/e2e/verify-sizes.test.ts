/*
 * Where the megabytes are, on the real engine: an image with a base, a real virtualenv (pip's
 * own, from ensurepip: no network), a system change and a 2 MB app file is split into those
 * parts from the layers verify exports once for the secrets scan; the parts add up, match the
 * engine's own size, and the terminal shows the table.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeE2e } from "./engine.js";
import { engineRun, removeDir, removeImages, runPyship, verifyJson } from "./pyship-cli.js";

const APP_BYTES = 2_000_000;
const TAG = "pyship-ci-e2e-sizes:test";

const DOCKERFILE = `FROM python:3.11-slim
RUN python3 -m venv /opt/venv
RUN useradd --uid 10001 --no-create-home app
WORKDIR /app
COPY app.py data.bin /app/
USER 10001:10001
CMD ["python3", "/app/app.py"]
`;

describeE2e("pyship verify: where the megabytes are", (engine) => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pyship-ci-e2e-sizes-"));
    await writeFile(join(dir, "Dockerfile"), DOCKERFILE);
    await writeFile(join(dir, "app.py"), "print('sized')\n");
    await writeFile(join(dir, "data.bin"), randomBytes(APP_BYTES));
    const built = await engineRun(engine, ["build", "-q", "-t", TAG, dir]);
    if (built.exitCode !== 0) throw new Error(`building the image failed:\n${built.stderr}`);
  });
  afterAll(async () => {
    await removeImages(engine, [TAG]);
    await removeDir(dir);
  });

  it("splits the image into base, system, virtualenv (by package) and app", async () => {
    const { report } = await verifyJson(engine, TAG, ["--mode", "script"]);
    const sizes = report.sizes;
    if (!sizes) throw new Error(`no sizes in the report: ${JSON.stringify(report.checks)}`);
    const { baseBytes, systemBytes, venvBytes, appBytes, totalBytes } = sizes;
    expect(baseBytes + systemBytes + venvBytes + appBytes).toBe(totalBytes);
    expect(appBytes).toBeGreaterThanOrEqual(APP_BYTES);
    expect(appBytes).toBeLessThan(APP_BYTES + 10_000);
    expect(venvBytes).toBeGreaterThan(5_000_000);
    expect(baseBytes).toBeGreaterThan(venvBytes);
    expect(systemBytes).toBeGreaterThan(0); // useradd's /etc/passwd, /etc/shadow…
    expect(sizes.venvPackages[0]?.name).toBe("pip");
    // The layers' files are what the engine counts, less tar and filesystem overhead.
    const reported = report.sizeBytes ?? 0;
    expect(Math.abs(totalBytes - reported) / reported).toBeLessThan(0.15);
    const text = await runPyship(engine, ["verify", TAG, "--mode", "script"]);
    expect(text.stdout).toMatch(/Where the megabytes are \([\d.]+ MB shipped in the layers\)/);
    expect(text.stdout).toMatch(/\n {4}pip +█*░+ +[\d.]+ MB/);
  });
});
