/*
 * The two example projects the seeds teach with, built from the seeds' own text
 * (../shared/seeds): seed 000's Flask hello world (app.py alone: the dependencies are in its
 * imports) and seed 003's app pinned to Flask 2.2.3 and gunicorn 20.1.0 (the Python of its
 * era, 3.11, and the repairs its pins need). Each must build with `pyship build` and pass
 * `pyship verify`. Where setup-engine made python:<minor>-slim from a real CPython build
 * (label org.pyship.python), the image must really run that Python.
 */
import { afterAll, expect, it } from "vitest";
import { expectProductionReady } from "./checks.js";
import { describeE2e, type E2eEngine } from "./engine.js";
import {
  buildImage,
  copyFixture,
  engineRun,
  removeDir,
  removeImages,
  runPyship,
  verifyJson,
} from "./pyship-cli.js";

const SEEDS = [
  { fixture: "seed-flask-hello", expect: "Hello from Docker + Flask!", python: "3.13" },
  { fixture: "seed-flask-pinned", expect: "Hello from", python: "3.11" },
];

describeE2e("the seeds' example projects build and pass verify", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(SEEDS)("$fixture runs on Python $python and answers", async (seed) => {
    const dir = await copyFixture(seed.fixture);
    const tag = `pyship-e2e-${seed.fixture}:test`;
    tags.push(tag);
    try {
      const plan = await runPyship(engine, ["plan", dir, "--json"]);
      expect(plan.exitCode, plan.stderr).toBe(0);
      expect((JSON.parse(plan.stdout) as { python: string }).python).toBe(seed.python);
      await buildImage(engine, dir, tag);
      const { report, exitCode } = await verifyJson(engine, tag, ["--expect", seed.expect]);
      expectProductionReady(report, exitCode);
      await expectRealPython(engine, tag, seed.python);
    } finally {
      await removeDir(dir);
    }
  });
});

/** On a stand-in built from real CPython, the image's interpreter is that minor. */
async function expectRealPython(engine: E2eEngine, tag: string, minor: string): Promise<void> {
  const base = `python:${minor}-slim`;
  const label = await engineRun(engine, [
    "image",
    "inspect",
    "--format",
    '{{ index .Config.Labels "org.pyship.python" }}',
    base,
  ]);
  const real = label.stdout.trim();
  if (label.exitCode !== 0 || real === "" || real === "<no value>") return;
  const version = await engineRun(engine, [
    "run",
    "--rm",
    "--entrypoint",
    "python",
    tag,
    "--version",
  ]);
  expect(version.stdout.trim()).toBe(`Python ${real}`);
}
