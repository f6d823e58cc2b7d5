/*
 * podman as a real second engine: `pyship build` builds a fixture with pip and a cache mount
 * on podman and verifies it there (podman's containers, its `save` export for the layer
 * scan); `pyship verify` on podman finds a secret deleted in a later layer, which only a
 * real read of podman's export can see.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import { podmanEngine } from "./podman-engine.js";
import { engineRun, removeDir, removeImages, verifyJson } from "./pyship-cli.js";
import { expectWebFixtureServes } from "./web-fixture.js";

const PLANTED = `FROM python:3.13-slim
RUN useradd --uid 10001 --create-home app && install -d -o app /app
WORKDIR /app
COPY .env /app/.env
RUN rm /app/.env
USER 10001:10001
EXPOSE 8000
CMD ["python3", "-m", "http.server", "8000"]
`;

describeE2e("podman as the engine", (docker) => {
  const engine = podmanEngine(docker);
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it("pyship build on podman: builds with a cache mount, keeps HEALTHCHECK, verifies", async () => {
    await expectWebFixtureServes(engine, "flask-module", tags, "podman:flask-module");
    const inspect = await engineRun(engine, [
      "image",
      "inspect",
      "--format",
      "{{json .Config.Healthcheck}}",
      "pyship-e2e-flask-module:test",
    ]);
    expect(inspect.stdout).toContain("urllib.request.urlopen");
  });

  it("pyship verify on podman reads every layer of podman's export", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pyship-e2e-podman-planted-"));
    const tag = "pyship-e2e-podman-planted:test";
    tags.push(tag);
    try {
      await writeFile(join(dir, "Dockerfile"), PLANTED);
      await writeFile(join(dir, ".env"), "DATABASE_PASSWORD=pyship-e2e-planted\n");
      const built = await engineRun(engine, ["build", "-q", "-t", tag, dir]);
      expect(built.exitCode, built.stderr).toBe(0);
      const { report, exitCode } = await verifyJson(engine, tag);
      expect(exitCode).toBe(EXIT_CODES.E_VERIFY_FAILED);
      expect(check(report, "no-secrets").detail).toContain(
        "/app/.env: .env deleted in a later layer but still shipped",
      );
      expect(check(report, "http").status).toBe("pass");
      expect(report.uid).toBe(10001);
    } finally {
      await removeDir(dir);
    }
  });
});
