/*
 * Representative commands over the fixtures in zh-CN and zh-TW: no line of human-readable
 * output may be left in English (codes, paths, commands, flags, names and values may; see
 * english-left.ts). PYSHIP_SHOW_ENGLISH=1 prints every such line instead of the first few.
 */
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { releaseEvents } from "../../src/cli/commands/release-events.js";
import { main } from "../../src/cli/main.js";
import type { CommandExecutor } from "../../src/core/exec.js";
import { KNOWN_PINS } from "../../src/core/known-pins.js";
import { TOKEN_SHAPES } from "../../src/core/secret-patterns.js";
import type { PipHost } from "../../src/detect/index-settings.js";
import { pinText } from "../../src/detect/pins/pin-text.js";
import { EN } from "../../src/i18n/catalogs/en.js";
import { MIRROR_PRESETS } from "../../src/mirror/mirror-presets.js";
import { planTags } from "../../src/release/plan-tags.js";
import { parseReleaseVersion } from "../../src/release/release-version.js";
import { secretKindText } from "../../src/verify/secret-text.js";
import { type FakeClient, FakeEngines, PATH_ENV } from "../build/fake-engines.js";
import { captureContext } from "../support/capture-context.js";
import { FakeEngine, type Scenario } from "../verify/fake-engine.js";
import { englishLines } from "./english-left.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const LINT_CORPUS = resolve(import.meta.dirname, "../lint/corpus");
const fixtures = readdirSync(FIXTURES).map((name) => join(FIXTURES, name));

/** A user's pip.conf with every kind of setting pyship reports on. */
const PIP_CONF = [
  "[global]",
  "index-url = https://alice:s3cret@nexus.example.com/repository/pypi/simple",
  "extra-index-url = file:///opt/wheels/simple",
  "trusted-host = nexus.example.com",
  "cert = /home/alice/corp-ca.pem",
].join("\n");

function pipHost(text: string, env: PipHost["env"] = {}): PipHost {
  return {
    env,
    platform: "linux",
    home: "/home/alice",
    readFile: (path) => (path === "/home/alice/.config/pip/pip.conf" ? text : null),
  };
}

type Lang = "zh-CN" | "zh-TW";

async function output(
  lang: Lang,
  args: string[],
  extra: { executor?: CommandExecutor; pip?: PipHost; cwd?: string } = {},
): Promise<string> {
  const ctx = captureContext({ lang, env: PATH_ENV, ...extra });
  await main(args, ctx);
  return [...ctx.stdout, ...ctx.stderr].join("\n");
}

const SCRIPT: Scenario = {
  config: { Labels: { "io.pyship.kind": "script" } },
  exitsAfterMs: 0,
  logs: "hello\n",
};
const DOCKER: FakeClient = {
  path: "/usr/bin/docker",
  version: "28.2.2",
  buildx: "0.20.0",
  buildkit: true,
};

/** Build logs that fail with a signature pyship repairs (the fake engine fails every time). */
const FAILED_BUILDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["distutils", ["ModuleNotFoundError: No module named 'distutils'"]],
  ["a removed module", ["ModuleNotFoundError: No module named 'cgi'"]],
  ["a removed name", ["ImportError: cannot import name 'getargspec' from 'inspect'"]],
  ["collections", ["ImportError: cannot import name 'Mapping' from 'collections'"]],
  ["a native header", ["src/psycopg.c:1:10: fatal error: libpq-fe.h: No such file or directory"]],
  ["pkg_resources", ["ModuleNotFoundError: No module named 'pkg_resources'"]],
  ["setuptools.Feature", ["ImportError: cannot import name 'Feature' from 'setuptools'"]],
];

/** `pyship build --no-verify` of a copy of flask-factory with the given engine. */
function buildIn(lang: Lang, executor: CommandExecutor, args: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pyship-i18n-build-"));
  cpSync(join(FIXTURES, "flask-factory"), dir, { recursive: true });
  return output(lang, ["build", "--no-verify", ...args, dir], { executor, cwd: dir });
}

/** Each run: a name and the output of the commands it stands for. */
const RUNS: ReadonlyArray<readonly [string, (lang: Lang) => Promise<string>]> = [
  ...fixtures.map(
    (dir) => [`plan ${dir.split("/").pop()}`, (lang: Lang) => output(lang, ["plan", dir])] as const,
  ),
  [
    "plan with a pip.conf",
    (lang) =>
      output(lang, ["plan", "--buildkit", join(FIXTURES, "flask-factory")], {
        pip: pipHost(PIP_CONF),
      }),
  ],
  [
    "plan with $PIP_CERT and uv's variables",
    (lang) =>
      output(lang, ["plan", join(FIXTURES, "flask-factory")], {
        pip: pipHost("", {
          PIP_CERT: "/etc/ssl/certs/ca-certificates.crt",
          UV_INDEX_URL: "https://pypi.example.com/simple",
        }),
      }),
  ],
  [
    "plan with mirror, time zone",
    (lang) =>
      output(lang, [
        "plan",
        join(FIXTURES, "flask-factory"),
        "--mirror",
        "tuna",
        "--base-registry",
        "docker.m.daocloud.io",
        "--tz",
        "Asia/Shanghai",
      ]),
  ],
  ["init --dry-run", (lang) => output(lang, ["init", "--dry-run", join(FIXTURES, "django-site")])],
  [
    "compose --dry-run",
    (lang) => output(lang, ["compose", "--dry-run", join(FIXTURES, "compose-django")]),
  ],
  ...["compose-celery", "compose-postgres", "compose-rq-mongo", "flask-db-parts"].map(
    (name) =>
      [
        `compose --dry-run ${name}`,
        (lang: Lang) => output(lang, ["compose", "--dry-run", join(FIXTURES, name)]),
      ] as const,
  ),
  [
    "compose --dry-run with settings it cannot wire",
    (lang) => {
      const dir = mkdtempSync(join(tmpdir(), "pyship-i18n-compose-"));
      writeFileSync(join(dir, "requirements.txt"), "flask==3.1.3\nredis==5.0.8\n");
      const app =
        'import os\nfrom flask import Flask\nimport redis\n\napp = Flask(__name__)\nSEARCH = os.environ["SEARCH_DSN"]\n';
      writeFileSync(join(dir, "app.py"), app);
      return output(lang, ["compose", "--dry-run", dir]);
    },
  ],
  [
    "ci --dry-run",
    (lang) => output(lang, ["ci", "github", "--dry-run", join(FIXTURES, "flask-factory")]),
  ],
  [
    "lint the corpus",
    async (lang) => {
      const dirs = readdirSync(LINT_CORPUS).map((name) => join(LINT_CORPUS, name, "Dockerfile"));
      return output(lang, ["lint", ...dirs]);
    },
  ],
  ["explain", (lang) => output(lang, ["explain"])],
  [
    "build --no-verify",
    (lang) => {
      const dir = mkdtempSync(join(tmpdir(), "pyship-i18n-build-"));
      cpSync(join(FIXTURES, "flask-factory"), dir, { recursive: true });
      return output(lang, ["build", "--no-verify", dir], {
        executor: new FakeEngines([DOCKER]),
        cwd: dir,
      });
    },
  ],
  ...FAILED_BUILDS.map(
    ([name, lines]) =>
      [
        `build repairs ${name}`,
        (lang: Lang) =>
          buildIn(
            lang,
            new FakeEngines([{ ...DOCKER, buildx: null, build: { exitCode: 1, lines } }]),
          ),
      ] as const,
  ),
  [
    "release's tag plans",
    async (lang) => {
      const ctx = captureContext({ lang });
      const events = releaseEvents(ctx, false);
      for (const [version, remote] of [
        ["1.9.1", ["2.0.1"]],
        ["1.2.3", ["1.2.2"]],
        ["2.0.0rc1", []],
      ] as const)
        events.planned("reg/app", planTags(parseReleaseVersion(version), remote, "abc1234"));
      return ctx.stderr.join("\n");
    },
  ],
  ["doctor", (lang) => output(lang, ["doctor"], { executor: new FakeEngines([DOCKER]) })],
  [
    "doctor skips a client and picks the legacy builder",
    (lang) =>
      output(lang, ["doctor"], {
        executor: new FakeEngines([
          { path: "/usr/local/bin/docker", version: "20.10.5", server: null },
          { ...DOCKER, buildx: null, buildkit: "unknown flag: --progress" },
        ]),
      }),
  ],

  [
    "verify passes",
    (lang) => output(lang, ["verify", "app:1"], { executor: new FakeEngine(SCRIPT) }),
  ],
  [
    "verify fails",
    (lang) =>
      output(lang, ["verify", "app:1"], {
        executor: new FakeEngine({ ...SCRIPT, uid: 0, exitCode: 1, files: ["app/.env"] }),
      }),
  ],
  [
    "verify finds secrets in the config",
    (lang) =>
      output(lang, ["verify", "app:1"], {
        executor: new FakeEngine({
          ...SCRIPT,
          config: {
            Labels: {
              "io.pyship.kind": "script",
              "db.url": "postgres://app:hunter22@db.example.com/app",
            },
            Env: ["API_TOKEN=abcd1234efgh", "AWS_KEY_ID=AKIAABCDEFGHIJKLMNOP"],
          },
        }),
      }),
  ],
  [
    "verify a worker that exits",
    (lang) =>
      output(lang, ["verify", "app:1"], {
        executor: new FakeEngine({
          config: { Labels: { "io.pyship.kind": "worker" } },
          exitsAfterMs: 100,
          exitCode: 1,
          logs: "Traceback (most recent call last):\nKeyError: 'API_TOKEN'\n",
        }),
      }),
  ],
];

describe("no English left in zh-CN and zh-TW output", () => {
  it.each(
    RUNS.flatMap(([name, run]) =>
      (["zh-CN", "zh-TW"] as const).map((lang) => [lang, name, run] as const),
    ),
  )("%s: %s", async (lang, _name, run) => {
    const out = await run(lang);
    if (process.env.PYSHIP_SHOW_ALL) console.log(out);
    const left = englishLines(out);
    if (process.env.PYSHIP_SHOW_ENGLISH) for (const line of left) console.log(`${lang} ${line}`);
    expect(left).toEqual([]);
  });
});

/** Tables that keep their English as data say it in Chinese through a key with that text. */
describe("data tables' English has catalog keys", () => {
  it("every mirror preset's pitfalls is mirror.pitfalls.<name>", () => {
    for (const preset of MIRROR_PRESETS)
      expect(EN[`mirror.pitfalls.${preset.name}` as keyof typeof EN]).toBe(preset.pitfalls);
  });

  it("every secret kind of the token shapes is a secret.kind.* key", () => {
    const kinds = TOKEN_SHAPES.map((shape) => shape.what);
    expect(kinds.filter((what) => typeof secretKindText(what) === "string")).toEqual([]);
  });

  it("every reason of the known pins and their repairs has a pins.* key", () => {
    const reasons = KNOWN_PINS.flatMap((pin) => [pin.why, ...(pin.repair ? [pin.repair.why] : [])]);
    expect(reasons.filter((why) => typeof pinText(why) === "string")).toEqual([]);
  });
});
