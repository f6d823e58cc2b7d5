/*
 * The project's own .dockerignore, as users write them: what it lets in that pyship's
 * Dockerfile.dockerignore adds, and the exceptions those additions would otherwise hide.
 */
import { describe, expect, it } from "vitest";
import type { Notes } from "../../src/plan/notes.js";
import { planOwnDockerignore } from "../../src/plan/plan-dockerignore.js";
import { planProject } from "../../src/plan/plan-project.js";
import { renderDockerignore, renderOwnDockerignore } from "../../src/render/render-dockerignore.js";
import { makeFacts } from "./make-facts.js";

const ALL = [
  ".git",
  ".hg",
  ".svn",
  "**/.env",
  "**/.env.*",
  "**/*.pem",
  "**/*.key",
  "**/id_rsa*",
  "**/id_ed25519*",
  ".netrc",
  ".pypirc",
  ".venv",
  "venv",
  "**/__pycache__",
];

const CASES: ReadonlyArray<
  readonly [name: string, text: string, missing: readonly string[], exceptions: readonly string[]]
> = [
  [
    "astral's uv example: only .venv",
    ".venv\n",
    ALL.filter((p) => p !== ".venv"),
    [".env.example", ".env.sample"],
  ],
  [
    "a careful file with a trailing slash and CRLF",
    ".git/\r\n.env*\r\n!.env.example\r\n*.pem\r\n*.key\r\nid_*\r\n.netrc\r\n.pypirc\r\n.venv/\r\nvenv/\r\n**/__pycache__/\r\n.hg\r\n.svn\r\n",
    // `.env*` covers the root only: a front end's web/.env would still reach the image.
    ["**/.env", "**/.env.*", "**/*.pem", "**/*.key"],
    [".env.example"], // the user's own `!.env.example`, which the added `**/.env.*` would hide
  ],
  [
    "vue-fastapi-admin: only the front end's node_modules (its web/.env files leaked)",
    "web/node_modules\n",
    ALL,
    [".env.example", ".env.sample"],
  ],
  [
    "secrets in any folder already",
    ".git\n.hg\n.svn\n**/.env\n**/.env.*\n*.pem\n**/*.pem\n**/*.key\n**/id_*\n.netrc\n.pypirc\n.venv\nvenv\n**/__pycache__\n",
    [],
    [],
  ],
  [
    "a BOM and comments",
    "\uFEFF# ours\n.git\n",
    ALL.filter((p) => p !== ".git"),
    [".env.example", ".env.sample"],
  ],
  [
    "an invalid line (an unclosed [) is skipped, not a crash",
    ".venv\nfoo[\n",
    ALL.filter((p) => p !== ".venv"),
    [".env.example", ".env.sample"],
  ],
  ["everything by a catch-all", "*\n!main.py\n!requirements.txt\n", [], []],
];

const notes = (): Notes => ({ evidence: [], warnings: [] });

describe("the project's own .dockerignore", () => {
  it.each(CASES)("%s", (_name, text, missing, exceptions) => {
    const facts = makeFacts({ ownDockerignore: text });
    const planned = planOwnDockerignore(facts, ["requirements.txt"], notes());
    expect(planned.own?.missing ?? []).toStrictEqual(missing);
    if (missing.length > 0) expect(planned.own?.exceptions).toStrictEqual(exceptions);
  });

  it("keeps the files the build reads that an added pattern would hide", () => {
    const facts = makeFacts({ ownDockerignore: ".venv\n" });
    const planned = planOwnDockerignore(facts, ["certs/ca.pem", "requirements.txt"], notes());
    expect(planned.own?.exceptions).toContain("certs/ca.pem");
  });

  it("warns once, naming what is added and the file pyship's Dockerfile uses", () => {
    const plan = planProject(makeFacts({ ownDockerignore: ".venv\n" }), {});
    const warning = plan.warnings.find((w) => w.code === "W_DOCKERIGNORE_LEAKS");
    expect(warning?.message).toMatch(
      /^\.dockerignore lets \.git, \.hg, .* Dockerfile\.dockerignore/,
    );
    expect(warning?.file).toBe(".dockerignore");
  });

  it("renders the user's lines unchanged, then the additions", () => {
    const plan = planProject(makeFacts({ ownDockerignore: "# mine\n.venv\n\n\n" }), {});
    const text = renderOwnDockerignore(plan) ?? "";
    expect(text).toContain("# ── .dockerignore\n# mine\n.venv\n\n# ── added by pyship");
    expect(text).toMatch(/\n\.git\n/);
    expect(text).toMatch(/\n!\.env\.example\n/);
  });

  it("adds nothing without a file of the user's, or with pyship's own", () => {
    expect(planProject(makeFacts({}), {}).dockerignore.own).toBeUndefined();
    expect(renderOwnDockerignore(planProject(makeFacts({}), {}))).toBeNull();
    const generated = renderDockerignore(planProject(makeFacts({}), {}));
    expect(
      planProject(makeFacts({ ownDockerignore: generated }), {}).dockerignore.own,
    ).toBeUndefined();
  });
});
