/*
 * Property-based tests over every reader of user input: requirements files, pyproject.toml,
 * Pipfile, Procfile, setup.cfg, .python-version, runtime.txt, Dockerfile and .dockerignore.
 * Whatever the text, a reader returns a value or throws a PyshipError that names the file:
 * never a stack trace, never a hang. Inputs mix each format's own tokens (so the fuzzer reaches
 * deep into the grammar) with arbitrary unicode. The case count is bounded for CI and printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { PyshipError } from "../../src/core/errors.js";
import { detectProject } from "../../src/detect/detect-project.js";
import { memoryContext } from "../../src/lint/build-context.js";
import { fixDockerfile } from "../../src/lint/fix-dockerfile.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";

const RUNS = Number(process.env.PYSHIP_FUZZ_RUNS ?? 150);
/** A reader that takes longer than this on a few hundred bytes is as good as hung. */
const SLOW_MS = 2000;
let cases = 0;

/** Tokens of each format, so generated text is mostly almost-valid. */
const TOKENS: Readonly<Record<string, readonly string[]>> = {
  "requirements.txt": [
    "flask",
    "gunicorn",
    "==",
    ">=",
    "3.1",
    "[",
    "]",
    "extra",
    ";",
    "python_version < '3.9'",
    "-r ",
    "-c ",
    "-e .",
    "--hash=sha256:ab",
    "--index-url https://x",
    "\\\n",
    "#",
    "\n",
    " ",
    "\r\n",
    "\ufeff",
    "@ https://x/y.whl",
    "git+https://x",
  ],
  "pyproject.toml": [
    "[project]\n",
    "[tool.poetry]\n",
    "[tool.poetry.dependencies]\n",
    "[tool.pyship]\n",
    "name = ",
    "dependencies = [",
    "]",
    '"flask>=3"',
    ",",
    "python = ",
    '"^3.11"',
    "requires-python = ",
    '">=3.10"',
    "{ version = ",
    "}",
    "command = ",
    "port = ",
    "8000",
    "\n",
    "'",
    '"',
    "[[",
    "scripts",
    "=",
    "true",
  ],
  Pipfile: [
    "[packages]\n",
    "[dev-packages]\n",
    "[requires]\n",
    "python_version = ",
    '"3.11"',
    "flask = ",
    '"*"',
    '{version = "==3.0"}',
    "\n",
    "=",
    '"',
    "[[source]]\n",
    "url = ",
  ],
  Procfile: [
    "web: ",
    "worker: ",
    "release: ",
    "gunicorn ",
    "app:app",
    " --bind ",
    "0.0.0.0:$PORT",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Procfile text, not a template
    "${PORT:-8000}",
    ";",
    "&&",
    "|",
    "'",
    '"',
    "\\",
    "\n",
    "#",
    "python main.py",
    "FOO=1 ",
  ],
  "setup.cfg": [
    "[metadata]\n",
    "[options]\n",
    "name = ",
    "install_requires =\n",
    "    flask>=3\n",
    "python_requires = ",
    ">=3.9",
    "[options.entry_points]\n",
    "console_scripts =\n",
    "    x = a.b:c\n",
    "\n",
    "=",
    ";",
    "#",
  ],
  ".python-version": [
    "3.12",
    "3.13.1",
    "pypy3.10",
    "system",
    "\n",
    " ",
    "3",
    ".",
    "x",
    "anaconda3-2024",
    "\ufeff",
  ],
  "runtime.txt": ["python-3.12.1", "python-", "3.11", "\n", " ", "pypy"],
  Dockerfile: [
    "FROM python:3.12-slim",
    " AS b",
    "\n",
    "RUN ",
    "pip install ",
    "-r requirements.txt",
    " && ",
    "\\\n",
    "# c\n",
    "COPY . .",
    "COPY --from=b /a /b",
    "CMD ",
    '["gunicorn", "app:app"]',
    "ENTRYPOINT ",
    "ENV A=1",
    "ENV A 1",
    "USER 1000",
    "ARG X",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text, not a template
    "${X}",
    "--mount=type=cache,target=/root/.cache",
    "WORKDIR /app",
    "EXPOSE 8000",
    "HEALTHCHECK CMD true",
    "'",
    '"',
  ],
  ".dockerignore": [
    "*",
    "!",
    "**/",
    ".env",
    "\n",
    "#",
    "/",
    "..",
    "requirements.txt",
    "[",
    "]",
    "?",
    "\\",
  ],
};

function textOf(format: string): fc.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(TOKENS[format] ?? [])) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  );
  return fc.array(token, { maxLength: 40 }).map((parts) => parts.join(""));
}

/** A detection outcome is fine when it is facts, or a PyshipError naming the fuzzed file. */
function expectCleanOutcome(run: () => unknown, file: string): void {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    if (!(error instanceof PyshipError)) throw error;
    if (error.code === "E_PARSE" || error.code === "E_CONFIG") expect(error.file).toBe(file);
    expect(error.message.length).toBeGreaterThan(0);
  } finally {
    cases += 1;
  }
  expect(performance.now() - started).toBeLessThan(SLOW_MS);
}

const PROJECT_READERS = [
  "requirements.txt",
  "pyproject.toml",
  "Pipfile",
  "Procfile",
  "setup.cfg",
  ".python-version",
  "runtime.txt",
];

describe("fuzz: project readers never crash", () => {
  const root = mkdtempSync(join(tmpdir(), "pyship-fuzz-"));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    console.log(`fuzz: ${cases} generated cases over ${PROJECT_READERS.length + 2} readers`);
  });

  it.each(PROJECT_READERS)("%s", (file) => {
    // One folder per reader, rewritten for every case: nothing accumulates on disk.
    const dir = join(root, file.replace(/\W/g, "_"));
    fc.assert(
      fc.property(textOf(file), (text) => {
        project(dir, file, text);
        expectCleanOutcome(() => detectProject(dir), file);
      }),
      { numRuns: RUNS },
    );
  });

  it("Dockerfile (lint and --fix)", () => {
    fc.assert(
      fc.property(textOf("Dockerfile"), (text) => {
        const options = { file: "Dockerfile", build: memoryContext({ "app.py": "" }) };
        expectCleanOutcome(() => lintDockerfile(text, options), "Dockerfile");
        expectCleanOutcome(() => fixDockerfile(text, options), "Dockerfile");
      }),
      { numRuns: RUNS },
    );
  });

  it(".dockerignore (as lint reads it)", () => {
    const dockerfile = 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "app.py"]\n';
    fc.assert(
      fc.property(textOf(".dockerignore"), (ignore) => {
        const build = memoryContext({ ".dockerignore": ignore, ".env": "A=1", "app.py": "" });
        expectCleanOutcome(
          () => lintDockerfile(dockerfile, { file: "Dockerfile", build }),
          "Dockerfile",
        );
      }),
      { numRuns: RUNS },
    );
  });
});

/** A minimal runnable project plus the fuzzed file (which may replace one of its parts). */
function project(dir: string, file: string, text: string): void {
  const files: Record<string, string> = {
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "requirements.txt": "flask\ngunicorn\n",
  };
  files[file] = text;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}
