/*
 * Details of the shapes found on real public Dockerfiles (issue 14) that the corpus's
 * `LINE CODE` lists cannot show: severities, fixes, and the server address forms.
 */
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/lint/build-context.js";
import { fixDockerfile } from "../../src/lint/fix-dockerfile.js";
import { CLEAN, CONTEXT_FILES, codes, lint, NOW } from "./lint-helpers.js";

const fix = (text: string) =>
  fixDockerfile(text, { file: "Dockerfile", build: memoryContext(CONTEXT_FILES), now: NOW }).text;
const withCmd = (cmd: string) => CLEAN.replace(/^CMD .*$/m, cmd);

describe("lint on shapes from real Dockerfiles", () => {
  it("reports the # syntax= line as info, not as a warning", () => {
    const found = lint(`# syntax=docker/dockerfile:1\n${CLEAN}`);
    expect(found.map((f) => [f.code, f.severity])).toEqual([["PY606", "info"]]);
  });

  it("reports Alpine as info and keeps the warning for packages without musl wheels", () => {
    const alpine = CLEAN.replace("python:3.12-slim", "python:3.12-alpine");
    expect(lint(alpine).map((f) => [f.code, f.severity])).toEqual([["PY107", "info"]]);
    const heavy = { ...CONTEXT_FILES, "requirements.txt": "numpy==2.1.0\n" };
    expect(codes(alpine, heavy)).toEqual(["PY104"]);
  });

  it.each([
    ["ENV PYTHONUNBUFFERED 1", "ENV PYTHONUNBUFFERED=1"],
    ["ENV APP_NAME my shop", 'ENV APP_NAME="my shop"'],
  ])("rewrites the legacy `%s` as `%s`", (legacy, modern) => {
    const text = CLEAN.replace("WORKDIR /app", `${legacy}\nWORKDIR /app`);
    expect(fix(text)).toBe(CLEAN.replace("WORKDIR /app", `${modern}\nWORKDIR /app`));
  });

  it.each([
    ["gunicorn --bind :$PORT app:app", []],
    ["gunicorn --bind 0.0.0.0:$PORT app:app", []],
    ["gunicorn --bind $BIND app:app", []],
    ["gunicorn --bind 127.0.0.1:$PORT app:app", ["PY305"]],
    ["gunicorn app:app", ["PY305"]],
  ])("`CMD exec %s` → %j", (command, expected) => {
    const found = codes(withCmd(`CMD exec ${command}`)).filter((code) => code === "PY305");
    expect(found).toEqual(expected);
  });

  it("still reports a shell-form CMD when the ENTRYPOINT is a shell", () => {
    const text = withCmd('ENTRYPOINT ["/bin/sh", "-c"]\nCMD gunicorn --bind 0.0.0.0:8000 app:app');
    expect(codes(text)).toContain("PY303");
  });

  it("sees the command behind `poetry run` and `uv run`", () => {
    const upgrade = CLEAN.replace(
      "RUN pip install -r",
      "RUN poetry run pip install -U pip && pip install -r",
    );
    expect(codes(upgrade)).toEqual(["PY204"]);
    expect(codes(withCmd("CMD uv run --with httpx gunicorn app:app"))).toContain("PY305");
  });

  it("sees every command of a RUN whose continuation has comment lines", () => {
    const text = CLEAN.replace(
      "WORKDIR /app",
      "RUN apt-get update \\\n    # the compiler\n    && apt-get install -y --no-install-recommends gcc \\\n    && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    );
    expect(codes(text)).toEqual(["PY504"]);
  });
});
