// The benchmark's pure parts: statistics, options, parsing engine output, the generated
// project. (The benchmark itself needs an engine and minutes: `npm run bench`, not tests.)
import { describe, expect, it } from "vitest";
// @ts-expect-error -- bench/ is plain JavaScript run by node without a build step
import { parseEnvFile } from "../../bench/lib/engine-env.mjs";
// @ts-expect-error -- plain JavaScript
import { parseHey } from "../../bench/lib/load-test.mjs";
// @ts-expect-error -- plain JavaScript
import { projectFiles } from "../../bench/lib/make-project.mjs";
// @ts-expect-error -- plain JavaScript
import { parseOptions } from "../../bench/lib/options.mjs";
// @ts-expect-error -- plain JavaScript
import { parsePort, parseUid } from "../../bench/lib/run-container.mjs";
// @ts-expect-error -- plain JavaScript
import { summarize } from "../../bench/lib/stats.mjs";

describe("summarize", () => {
  it.each([
    { values: [3, 1, 2], expected: { median: 2, min: 1, max: 3 } },
    { values: [4, 1, 3, 2], expected: { median: 2.5, min: 1, max: 4 } },
    { values: [7], expected: { median: 7, min: 7, max: 7 } },
    { values: [Number.NaN, 5, 1], expected: { median: 3, min: 1, max: 5 } },
    { values: [], expected: null },
  ])("$values → $expected", ({ values, expected }) => {
    expect(summarize(values)).toStrictEqual(expected);
  });
});

describe("parseOptions", () => {
  it("defaults to a full run written into bench/", () => {
    expect(parseOptions([])).toMatchObject({
      runs: 3,
      apps: ["flask-min", "data-api", "pg-app"],
      variants: ["naive", "better", "production", "one-worker", "pyship"],
      out: "bench",
      loadSeconds: 5,
      selfRuns: 10,
      selfFiles: 5000,
      label: null,
      pruneCacheMounts: true,
      setup: true,
    });
  });

  it("--quick is one small run that never overwrites the committed results", () => {
    expect(parseOptions(["--quick"])).toMatchObject({
      runs: 1,
      apps: ["flask-min"],
      out: ".tmp/bench-quick",
      selfRuns: 3,
      selfFiles: 500,
      label: "smoke run (--quick)",
    });
  });

  it("keeps the canonical variant order whatever order is given", () => {
    expect(parseOptions(["--variants", "pyship,naive", "--runs", "5"])).toMatchObject({
      variants: ["naive", "pyship"],
      runs: 5,
    });
  });

  it.each([
    [["--runs", "0"], /--runs needs a whole number/],
    [["--runs", "two"], /--runs needs a whole number/],
    [["--apps", "django"], /--apps: unknown "django"/],
    [["--bogus"], /Unknown option/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });

  it("--no-self skips the CLI timings", () => {
    expect(parseOptions(["--no-self"]).selfRuns).toBe(0);
  });
});

describe("engine output parsing", () => {
  it("reads the setup script's env file, quotes and comments included", () => {
    const text =
      '# made by setup\nPYSHIP_TEST_DOCKER=/usr/bin/docker\nPYSHIP_TEST_NETWORK=\nPYSHIP_TEST_SLIM_TAGS="python:3.11-slim python:3.12-slim"\n';
    expect(parseEnvFile(text)).toStrictEqual({
      PYSHIP_TEST_DOCKER: "/usr/bin/docker",
      PYSHIP_TEST_NETWORK: "",
      PYSHIP_TEST_SLIM_TAGS: "python:3.11-slim python:3.12-slim",
    });
  });

  it("takes the first published port of `docker port`", () => {
    expect(parsePort("127.0.0.1:49153\n[::1]:49154\n")).toBe(49153);
    expect(() => parsePort("")).toThrow(/published port/);
  });

  it("takes the real uid from /proc/1/status", () => {
    expect(parseUid("Name:\tgunicorn\nUid:\t10001\t10001\t10001\t10001\nGid:\t10001\n")).toBe(
      10001,
    );
    expect(() => parseUid("Name:\tx\n")).toThrow(/Uid/);
  });
});

describe("projectFiles", () => {
  it("makes exactly the number of distinct files asked for, with an app pyship can find", () => {
    const files: [string, string][] = projectFiles(5000);
    expect(files).toHaveLength(5000);
    expect(new Set(files.map(([path]) => path)).size).toBe(5000);
    expect(files.find(([path]) => path === "app.py")?.[1]).toContain("app = Flask(__name__)");
  });
});

describe("parseHey", () => {
  const summary = (codes: string, errors = "") => `
Summary:
  Total:\t5.0123 secs
  Requests/sec:\t123.4567

Latency distribution:
  50% in 0.0510 secs
  99% in 0.1234 secs

Status code distribution:
${codes}
${errors ? `Error distribution:\n${errors}` : ""}`;

  it("reads requests/s and the p99 latency", () => {
    expect(parseHey(summary("  [200]\t617 responses"))).toStrictEqual({
      rps: 123.4567,
      p99Ms: 123.4,
    });
  });

  it.each([
    ["non-2xx answers", summary("  [200]\t90 responses\n  [500]\t10 responses")],
    ["transport errors", summary("  [200]\t90 responses", '  [10]\tGet "http://x/io": EOF')],
    ["no answer at all", 'Error distribution:\n  [32]\tGet "http://x/io": refused'],
  ])("fails on %s above 1 %%", (_name, text) => {
    expect(() => parseHey(text)).toThrow();
  });
});
