import { describe, expect, it } from "vitest";
import { buildWithRepairs } from "../../src/build/build-with-repairs.js";
import { PyshipError } from "../../src/core/errors.js";
import type { Repair, VerifyReport } from "../../src/core/pipeline.js";

const report = (logTail: string | null): VerifyReport => ({
  image: "demo:latest",
  ok: logTail === null,
  mode: "web",
  port: 8000,
  failure:
    logTail === null
      ? null
      : {
          code: "E_CONTAINER_EXITED",
          message: "the container exited with code 3",
          logTail,
          lastError: null,
          diagnosis: null,
        },
  checks: [],
  sizeBytes: null,
  readyMs: null,
  stopMs: null,
  uid: null,
});

/** The report with verify's diagnosis of its failure. */
const diagnosed = (base: VerifyReport, cause: string): VerifyReport => ({
  ...base,
  failure: base.failure && {
    ...base.failure,
    diagnosis: { cause, message: cause, hint: "", line: null },
  },
});

const PKG = "ModuleNotFoundError: No module named 'pkg_resources'";

/** Steps whose runs answer in turn from `runs` (a report, or an error to throw). */
function steps(runs: (VerifyReport | Error)[], planned: Repair[] = []) {
  const prepared: string[][] = [];
  const told: string[] = [];
  return {
    prepared,
    told,
    loop: {
      prepare: (repairs: readonly Repair[]) => {
        prepared.push(repairs.map((r) => r.id));
        return Promise.resolve([...planned, ...repairs]);
      },
      run: () => {
        const next = runs.shift();
        return next instanceof Error
          ? Promise.reject(next)
          : Promise.resolve({ report: next ?? null });
      },
      onRepair: (repair: Repair, attempt: number) => told.push(`${attempt}:${repair.id}`),
    },
  };
}

describe("buildWithRepairs", () => {
  it.each([
    ["passes at once: no repair", [report(null)], [[]], null],
    ["an unknown failure: reported as it is", [report("KeyError: 'SECRET_KEY'")], [[]], null],
    [
      "a known run-time failure: repaired once, then passes",
      [report(PKG), report(null)],
      [[], ["setuptools-for-pkg-resources"]],
      "setuptools-for-pkg-resources",
    ],
    [
      "a known build failure: repaired once",
      [
        new PyshipError("E_BUILD_FAILED", "build failed", {
          details: "  │ Error: pg_config executable not found.",
        }),
        report(null),
      ],
      [[], ["system-packages:libpq-dev,gcc,libc6-dev"]],
      "system-packages:libpq-dev,gcc,libc6-dev",
    ],
    [
      "never the same repair twice: the second failure stands",
      [report(PKG), report(PKG)],
      [[], ["setuptools-for-pkg-resources"]],
      ["setuptools-for-pkg-resources"],
    ],
    [
      "a chain: each new failure gets its own repair",
      [
        new PyshipError("E_BUILD_FAILED", "build failed", {
          details: "  │ ModuleNotFoundError: No module named 'cgi'",
        }),
        new PyshipError("E_BUILD_FAILED", "build failed", {
          details: "  │ AttributeError: module 'inspect' has no attribute 'getargspec'",
        }),
        report(null),
      ],
      [[], ["python-with-cgi"], ["python-with-cgi", "python-with-inspect.getargspec"]],
      ["python-with-cgi", "python-with-inspect.getargspec"],
    ],
    [
      "bounded: after MAX_REPAIRS repairs the last failure stands",
      [
        report(PKG),
        report("ModuleNotFoundError: No module named 'cgi'"),
        report("ModuleNotFoundError: No module named 'imp'"),
        report("ModuleNotFoundError: No module named 'telnetlib'"),
      ],
      [
        [],
        ["setuptools-for-pkg-resources"],
        ["setuptools-for-pkg-resources", "python-with-cgi"],
        ["setuptools-for-pkg-resources", "python-with-cgi", "python-with-imp"],
      ],
      ["setuptools-for-pkg-resources", "python-with-cgi", "python-with-imp"],
    ],
  ])("%s", async (_name, runs, prepared, applied) => {
    const fake = steps([...runs]);
    const { outcome, repairs } = await buildWithRepairs(fake.loop);
    const ids = Array.isArray(applied) ? applied : applied === null ? [] : [applied];
    expect(fake.prepared).toEqual(prepared);
    expect(repairs.map((r) => r.id)).toEqual(ids);
    expect(fake.told).toEqual(ids.map((id, i) => `${i + 1}:${id}`));
    expect(outcome.report).toBe(runs.at(-1));
  });

  it("finds the signature in the last error line when tracebacks filled the log tail", async () => {
    const arbiter = Array.from({ length: 20 }, (_, i) => `  File "arbiter.py", line ${i}`).join(
      "\n",
    );
    const failed = report(arbiter);
    const withLast: VerifyReport = {
      ...failed,
      failure: failed.failure ? { ...failed.failure, lastError: PKG } : null,
    };
    const run = steps([withLast, report(null)]);
    const outcome = await buildWithRepairs(run.loop);
    expect(outcome.repairs[0]?.id).toBe("setuptools-for-pkg-resources");
    expect(run.prepared).toStrictEqual([[], ["setuptools-for-pkg-resources"]]);
  });

  it("a build failure with no known repair is rethrown", async () => {
    const error = new PyshipError("E_BUILD_FAILED", "build failed", {
      details: "  │ something else",
    });
    await expect(buildWithRepairs(steps([error]).loop)).rejects.toBe(error);
  });

  it("a failure the plan's own repair should have prevented is not retried", async () => {
    const planned: Repair = {
      id: "setuptools-for-pkg-resources",
      packages: ["setuptools<82"],
      why: "gunicorn==20.1.0 imports pkg_resources",
      evidence: { file: "requirements.txt", line: 2, why: "gunicorn==20.1.0" },
    };
    const fake = steps([report(PKG)], [planned]);
    const { repairs } = await buildWithRepairs(fake.loop);
    expect(repairs).toEqual([]);
    expect(fake.prepared).toEqual([[]]);
  });

  const DATED: Repair = {
    id: "resolve-date",
    packages: [],
    resolveDate: "2023-04-02",
    why: "fastapi is not pinned",
    evidence: { file: "requirements.txt", line: null, why: "unpinned: fastapi" },
  };

  it.each([
    [
      "an unexplained verify failure gets the fallback repair",
      report("TypeError: x"),
      "resolve-date",
      1,
    ],
    [
      "a known signature wins over the fallback, which is not even asked",
      report(PKG),
      "setuptools-for-pkg-resources",
      0,
    ],
    ["a pass asks nothing", report(null), null, 0],
    [
      "a cause verify named (a missing variable) asks nothing: no release fixes it",
      {
        ...report("KeyError: 'SERVER_NAME'"),
        failure: {
          code: "E_CONTAINER_EXITED",
          message: "the container exited with code 3",
          logTail: "KeyError: 'SERVER_NAME'",
          lastError: "KeyError: 'SERVER_NAME'",
          diagnosis: {
            cause: "missing-env",
            message: "SERVER_NAME is not set",
            hint: "--env SERVER_NAME=…",
            line: "KeyError: 'SERVER_NAME'",
          },
        },
      } as VerifyReport,
      null,
      0,
    ],
    [
      "a failure without an app exception (a slow stop) asks nothing",
      report("[INFO] Shutting down"),
      null,
      0,
    ],
    [
      "a missing variable (KeyError, named by the diagnosis) asks nothing: no date sets it",
      diagnosed(report("KeyError: 'DBUSER'"), "missing-env"),
      null,
      0,
    ],
    [
      "a name a package lacks (named by the diagnosis) still asks: an older release may have it",
      diagnosed(
        report(
          "ImportError: cannot import name 'x' from 'lib' (/opt/venv/lib/python3.13/site-packages/lib/__init__.py)",
        ),
        "package-version-mismatch",
      ),
      "resolve-date",
      1,
    ],
    [
      "an unreachable database asks nothing",
      diagnosed(report("OperationalError: Connection refused"), "db-unreachable"),
      null,
      0,
    ],
  ])("%s", async (_name, first, applied, asked) => {
    const fake = steps([first, report(null)]);
    let calls = 0;
    const fallback = () => {
      calls += 1;
      return Promise.resolve(DATED);
    };
    const { repairs } = await buildWithRepairs({ ...fake.loop, fallback });
    expect(repairs[0]?.id ?? null).toBe(applied);
    expect(calls).toBe(asked);
  });

  // compose-django: the settings raise while migrate runs at build time (an environs release
  // that reads marshmallow.__version__, which marshmallow 4 dropped).
  const APP_STEP = new PyshipError(
    "E_BUILD_FAILED",
    "build failed at [runtime 8/8] RUN DJANGO_SETTINGS_MODULE=example.settings SECRET_KEY=… pytho…",
    { details: "  │ AttributeError: module 'marshmallow' has no attribute '__version__'" },
  );

  it.each([
    [
      "a build step that runs the app's code raised: the fallback is asked",
      true,
      "resolve-date",
      1,
    ],
    ["any other build step: not (installers fail for their own reasons)", false, null, 0],
  ])("%s", async (_name, appStep, applied, asked) => {
    const fake = steps([APP_STEP, report(null)]);
    let calls = 0;
    const fallback = () => {
      calls += 1;
      return Promise.resolve(DATED);
    };
    const runsAppCode = () => appStep;
    const result = buildWithRepairs({ ...fake.loop, fallback, runsAppCode });
    if (applied === null) await expect(result).rejects.toBe(APP_STEP);
    else expect((await result).repairs[0]?.id).toBe(applied);
    expect(calls).toBe(asked);
  });
});
