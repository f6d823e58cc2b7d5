/*
 * `pyship lint --fix` on a Dockerfile written the way the tutorials teach (full image,
 * `COPY . .` before the install, pip cache kept, shell-form CMD): the fixed file must still
 * build and serve on the real engine, and the fixes must show in what verify measures —
 * the shell-form CMD that made `docker stop` wait 10 s is exec form afterwards.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import {
  copyFixture,
  engineRun,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

const SEED_STYLE = `FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
ENV PORT=8000
EXPOSE 8000
CMD gunicorn --bind 0.0.0.0:8000 web:server
`;

interface JsonFinding {
  readonly code: string;
  readonly fix: { readonly safe: boolean } | null;
}

describeE2e("pyship lint --fix on a hand-written Dockerfile", (engine) => {
  const tag = "pyship-e2e-lint-fix:test";
  afterAll(() => removeImages(engine, [tag]));

  it("fixes what is safe, and the fixed file still builds, serves and stops fast", async () => {
    const dir = await copyFixture("flask-module");
    try {
      const dockerfile = join(dir, "Dockerfile");
      await writeFile(dockerfile, SEED_STYLE);
      const fixed = await runPyship(engine, ["lint", "--fix", dockerfile, "--format", "json"]);
      expect(fixed.exitCode, fixed.stderr).not.toBe(2);
      const after = await readFile(dockerfile, "utf8");
      expect(after).not.toBe(SEED_STYLE);
      expect(after).toContain('CMD ["gunicorn"');
      expect(after).toContain("PYTHONUNBUFFERED=1");
      expect(after.indexOf("pip install")).toBeLessThan(after.indexOf("COPY . ."));

      const relint = await runPyship(engine, ["lint", dockerfile, "--format", "json"]);
      const findings = JSON.parse(relint.stdout) as JsonFinding[];
      expect(findings.filter((finding) => finding.fix?.safe)).toEqual([]);

      const build = await engineRun(engine, ["build", "-t", tag, ...networkFlag(engine), dir]);
      expect(build.exitCode, build.stderr.slice(-2000)).toBe(0);
      const { report } = await verifyJson(engine, tag, ["--expect", "hello from flask-module"]);
      expect(check(report, "http").status).toBe("pass");
      expect(check(report, "stop").status).toBe("pass");
      // Root is only suggested, never auto-fixed (adding a user can break file permissions).
      expect(check(report, "non-root").status).toBe("fail");
    } finally {
      await removeDir(dir);
    }
  });
});

function networkFlag(engine: { readonly network: string }): string[] {
  return engine.network ? ["--network", engine.network] : [];
}
