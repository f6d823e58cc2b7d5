/*
 * Verify like production, on the real engine: an image with every planted problem — a .env
 * copied then deleted (still in its layer), a secret in ENV, a token recorded as a build arg
 * in the history, a USER given as a name, an app that writes outside /tmp — is caught, each
 * problem by its own check, with no secret printed whole; a clean image passes every check,
 * the hardened re-run included.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/core/errors.js";
import { check } from "./checks.js";
import { describeE2e } from "./engine.js";
import { engineRun, removeDir, removeImages, runPyship, verifyJson } from "./pyship-cli.js";

const TOKEN = "ghp_pyshipE2eFakeToken0123456789abcdefXYZ";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/pyshipE2eFAKE";

// Serves HTTP after writing a state file next to its code: fine on a normal runtime, broken
// on a read-only root filesystem. SIGTERM handled so the stop check stays quick.
const SERVER = (write: boolean) =>
  `import signal, sys, http.server as h; signal.signal(signal.SIGTERM, lambda *a: sys.exit(0)); ${write ? "open('/app/state', 'w').write('x'); " : ""}h.test(h.SimpleHTTPRequestHandler, port=8000, bind='0.0.0.0')`;

const PLANTED = `FROM python:3.11-slim
ARG GITHUB_TOKEN=${TOKEN}
RUN useradd --uid 10001 --create-home app && install -d -o app /app
WORKDIR /app
COPY .env /app/.env
RUN test -n "$GITHUB_TOKEN" && rm /app/.env
ENV AWS_SECRET_ACCESS_KEY=${AWS_SECRET}
USER app
EXPOSE 8000
CMD ["python3", "-c", "${SERVER(true)}"]
`;

const CLEAN = `FROM python:3.11-slim
WORKDIR /app
USER 10001:10001
EXPOSE 8000
CMD ["python3", "-c", "${SERVER(false)}"]
`;

const IMAGES = { planted: PLANTED, clean: CLEAN } as const;
const tag = (name: string) => `pyship-e2e-production-${name}:test`;

describeE2e("pyship verify like production", (engine) => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "pyship-e2e-production-"));
    for (const [name, dockerfile] of Object.entries(IMAGES)) {
      const dir = join(root, name);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "Dockerfile"), dockerfile);
      await writeFile(join(dir, ".env"), "DATABASE_PASSWORD=pyship-e2e-planted\n");
      const built = await engineRun(engine, ["build", "-q", "-t", tag(name), dir]);
      if (built.exitCode !== 0) throw new Error(`building ${name} failed:\n${built.stderr}`);
    }
  });
  afterAll(async () => {
    await removeImages(engine, Object.keys(IMAGES).map(tag));
    await removeDir(root);
  });

  it("catches every planted problem, each by its check, masked", async () => {
    const { report, exitCode } = await verifyJson(engine, tag("planted"), []);
    expect(exitCode).toBe(EXIT_CODES.E_VERIFY_FAILED);
    const secrets = check(report, "no-secrets");
    expect(secrets.status).toBe("fail");
    expect(secrets.detail).toContain("/app/.env: .env deleted in a later layer but still shipped");
    expect(secrets.detail).toContain("ENV AWS_SECRET_ACCESS_KEY");
    expect(secrets.detail).toContain("build arg GITHUB_TOKEN recorded");
    expect(check(report, "numeric-user").status).toBe("warn");
    expect(check(report, "restricted").status).toBe("warn");
    expect(check(report, "restricted").detail).toContain("Read-only file system");
    const text = await runPyship(engine, ["verify", tag("planted"), "--timeout", "90"]);
    expect(text.stdout).toContain("no secrets in layers");
    const printed = `${JSON.stringify(report)}\n${text.stdout}\n${text.stderr}`;
    for (const secret of [TOKEN, AWS_SECRET, "pyship-e2e-planted"])
      expect(printed).not.toContain(secret);
  });

  it("passes a clean image, the hardened re-run included", async () => {
    const { report, exitCode } = await verifyJson(engine, tag("clean"), []);
    expect(report.checks.filter((c) => c.status !== "pass").map((c) => c.name)).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
