import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dockerignore from "@balena/dockerignore";
import { describe, expect, it } from "vitest";
import { runInit } from "../../src/cli/commands/init.js";
import { loadPlan } from "../../src/cli/load-plan.js";
import { main } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";

// CommonJS factory typed as an ES default export (see src/render/render-dockerignore.ts).
const ignore = (
  typeof dockerignore === "function" ? dockerignore : dockerignore.default
) as typeof dockerignore.default;

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

function copyFixture(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "pyship-cli-")), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

describe("pyship plan", () => {
  it("--json prints the plan only, as parseable stable JSON", async () => {
    const ctx = captureContext();
    expect(await main(["plan", fixture("flask-factory"), "--json"], ctx)).toBe(0);
    expect(ctx.stdout).toHaveLength(1);
    const plan = JSON.parse(ctx.stdout[0] ?? "");
    expect(plan).toMatchObject({
      schemaVersion: 1,
      commandSource: "detected",
      app: "shop:create_app()",
      port: 8000,
    });
    expect(plan.install.extraPackages).toStrictEqual(["gunicorn>=23,<28"]);
  });

  it("shows each decision with its evidence and the warnings", async () => {
    const ctx = captureContext();
    expect(await main(["plan", fixture("flask-factory")], ctx)).toBe(0);
    const out = ctx.stdout.join("\n");
    expect(out).toContain("gunicorn --config /opt/pyship/gunicorn.conf.py shop:create_app()");
    expect(out).toMatch(/shop\/__init__\.py:\d+ — /);
    expect(out).toMatch(/! \[W_SERVER_ADDED\] gunicorn is not a dependency/);
    expect(out).toContain("Next: pyship init");
  });

  it("speaks Chinese headings with --lang zh", async () => {
    const ctx = captureContext();
    expect(await main(["--lang", "zh", "plan", fixture("flask-module")], ctx)).toBe(0);
    expect(ctx.stdout.join("\n")).toContain("依据");
  });

  it("says warnings in zh-TW; --json keeps them English", async () => {
    const ctx = captureContext();
    expect(await main(["--lang", "zh-TW", "plan", fixture("flask-factory")], ctx)).toBe(0);
    expect(ctx.stdout.join("\n")).toMatch(/! \[W_SERVER_ADDED\] gunicorn 不在相依套件中/);
    const json = captureContext();
    await main(["--lang", "zh-TW", "plan", "--json", fixture("flask-factory")], json);
    const plan = JSON.parse(json.stdout.join("\n"));
    const added = plan.warnings.find((w: { code: string }) => w.code === "W_SERVER_ADDED");
    expect(added.message).toMatch(/^gunicorn is not a dependency/);
    expect(added.text).toBeUndefined();
  });

  it("passes --python, --base-image and --app through", async () => {
    const ctx = captureContext();
    const args = [
      "plan",
      fixture("multi-candidates"),
      "--json",
      "--python",
      "3.11",
      "--base-image",
      "corp/py:3.11",
      "--app",
      "admin:admin_app",
    ];
    expect(await main(args, ctx)).toBe(0);
    expect(JSON.parse(ctx.stdout[0] ?? "")).toMatchObject({
      python: "3.11",
      baseImage: "corp/py:3.11",
      app: "admin:admin_app",
    });
  });

  it("says there is no Python project in an empty directory", async () => {
    const ctx = captureContext();
    const empty = mkdtempSync(join(tmpdir(), "pyship-empty-"));
    expect(await main(["plan", empty], ctx)).toBe(EXIT_CODES.E_NO_PROJECT);
    expect(ctx.stderr.join("\n")).toContain("no Python project found");
  });

  it("fails on ambiguous entrypoints outside a terminal, with the --app hint", async () => {
    const ctx = captureContext();
    expect(await main(["plan", fixture("multi-candidates")], ctx)).toBe(
      EXIT_CODES.E_AMBIGUOUS_ENTRYPOINT,
    );
    expect(ctx.stderr.join("\n")).toMatch(
      /E_AMBIGUOUS_ENTRYPOINT[\s\S]*hint: choose one with --app/,
    );
  });

  it("asks which entrypoint in a terminal, then plans with the answer", async () => {
    const ctx = captureContext({ interactive: true });
    const offered: string[] = [];
    const { plan } = await loadPlan(fixture("multi-candidates"), {}, ctx, async (candidates) => {
      offered.push(...candidates.map((c) => c.app));
      return "api:api";
    });
    expect(offered.sort()).toStrictEqual(["admin:admin_app", "api:api"]);
    expect(plan.command.slice(0, 3)).toStrictEqual(["python", "/opt/pyship/serve.py", "uvicorn"]);
  });
});

describe("pyship init", () => {
  it("writes Dockerfile and .dockerignore, then says what to run next", async () => {
    const dir = copyFixture("flask-module");
    const ctx = captureContext();
    expect(await main(["init", dir], ctx)).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain('CMD ["gunicorn"');
    expect(ctx.stdout.join("\n")).toMatch(
      /created\s+Dockerfile[\s\S]*created\s+\.dockerignore[\s\S]*Next: pyship build/,
    );
    const again = captureContext();
    expect(await main(["init", dir], again)).toBe(0);
    expect(again.stdout.join("\n")).toMatch(/unchanged\s+Dockerfile/);
  });

  it("--buildkit renders pip cache mounts; without it the Dockerfile suits any engine", async () => {
    const dir = copyFixture("flask-module");
    expect(await main(["init", dir, "--buildkit"], captureContext())).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain("--mount=type=cache");
    const plain = copyFixture("flask-module");
    expect(await main(["init", plain], captureContext())).toBe(0);
    expect(readFileSync(join(plain, "Dockerfile"), "utf8")).not.toContain("--mount");
  });

  it("--dry-run shows diffs and writes nothing", async () => {
    const dir = copyFixture("flask-module");
    const ctx = captureContext();
    expect(await main(["init", dir, "--dry-run"], ctx)).toBe(0);
    const out = ctx.stdout.join("\n");
    expect(out).toMatch(/would create\s+Dockerfile/);
    expect(out).toContain("+FROM python:");
    expect(out).toContain("Dry run: nothing was written.");
    expect(() => readFileSync(join(dir, "Dockerfile"))).toThrow();
  });

  it("skips a different existing Dockerfile with a diff and exits E_FILE_EXISTS; --force replaces it", async () => {
    const dir = copyFixture("flask-module");
    writeFileSync(join(dir, "Dockerfile"), "FROM mine\n");
    const ctx = captureContext();
    expect(await main(["init", dir], ctx)).toBe(EXIT_CODES.E_FILE_EXISTS);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe("FROM mine\n");
    expect(ctx.stdout.join("\n")).toMatch(/skipped\s+Dockerfile[\s\S]*-FROM mine/);
    expect(ctx.stdout.join("\n")).toMatch(/created\s+\.dockerignore/);
    expect(ctx.stderr.join("\n")).toContain("pyship init --force");
    const forced = captureContext();
    expect(await main(["init", dir, "--force"], forced)).toBe(0);
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain("AS runtime");
    expect(forced.stdout.join("\n")).toMatch(/overwrote\s+Dockerfile[\s\S]*-FROM mine/);
  });

  it.each([
    [true, "AS runtime", 0],
    [false, "FROM mine", 0],
  ])("in a terminal asks before overwriting (answer %s)", async (answer, expected, code) => {
    const dir = copyFixture("flask-module");
    writeFileSync(join(dir, "Dockerfile"), "FROM mine\n");
    const asked: string[] = [];
    const ctx = captureContext({ interactive: true });
    const exit = await runInit(dir, {}, ctx, async (path) => {
      asked.push(path);
      return answer;
    });
    expect({ exit, asked }).toStrictEqual({ exit: code, asked: ["Dockerfile"] });
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toContain(expected);
  });

  it("--write-requirements writes the inferred imports down and the Dockerfile installs that file", async () => {
    const dir = copyFixture("seed-flask-hello");
    expect(await main(["init", dir, "--write-requirements"], captureContext())).toBe(0);
    const written = readFileSync(join(dir, "requirements.txt"), "utf8");
    expect(written.split("\n").filter((line) => line && !line.startsWith("#"))).toStrictEqual([
      "Flask",
      "gunicorn>=23,<28",
    ]);
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf8");
    expect(dockerfile).toContain(
      "COPY requirements.txt ./\nRUN /opt/tools/bin/uv pip compile --quiet --no-header -o /tmp/pyship-locked.txt requirements.txt \\\n",
    );
    const again = captureContext();
    expect(await main(["init", dir, "--write-requirements"], again)).toBe(0);
    expect(again.stdout.join("\n")).toMatch(/unchanged\s+Dockerfile/);
    expect(readFileSync(join(dir, "requirements.txt"), "utf8")).toBe(written);
  });

  it("--write-requirements never replaces an existing requirements.txt without consent", async () => {
    const dir = copyFixture("seed-flask-hello");
    writeFileSync(join(dir, "requirements.txt"), "# nothing yet\n");
    const ctx = captureContext({ interactive: true });
    await expect(runInit(dir, { writeRequirements: true, yes: true }, ctx)).rejects.toMatchObject({
      code: "E_FILE_EXISTS",
      file: "requirements.txt",
    });
    expect(readFileSync(join(dir, "requirements.txt"), "utf8")).toBe("# nothing yet\n");
  });

  it("--yes never asks, even in a terminal", async () => {
    const dir = copyFixture("flask-module");
    writeFileSync(join(dir, "Dockerfile"), "FROM mine\n");
    const ctx = captureContext({ interactive: true });
    const ask = async () => {
      throw new Error("must not ask");
    };
    await expect(runInit(dir, { yes: true }, ctx, ask)).rejects.toMatchObject({
      code: "E_FILE_EXISTS",
    });
  });

  it("keeps secrets, virtualenvs, VCS and caches out of the build context but not the app", async () => {
    const dir = copyFixture("flask-module");
    for (const sub of [".git", "venv/bin", "__pycache__", "pkg/__pycache__"])
      mkdirSync(join(dir, sub), { recursive: true });
    expect(await main(["init", dir], captureContext())).toBe(0);
    const rules = ignore().add(readFileSync(join(dir, ".dockerignore"), "utf8").split("\n"));
    const ignored = [
      ".git/config",
      ".env",
      ".env.production",
      "venv/bin/python",
      "__pycache__/web.cpython-311.pyc",
      "pkg/__pycache__/x.pyc",
      "Dockerfile",
      "id_rsa",
      "certs/server.key",
    ];
    const kept = ["web.py", "requirements.txt", ".env.example", "pkg/mod.py", "README.md"];
    expect(ignored.filter((path) => !rules.ignores(path))).toStrictEqual([]);
    expect(kept.filter((path) => rules.ignores(path))).toStrictEqual([]);
  });
});
