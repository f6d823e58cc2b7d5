/*
 * pip's index settings as pip reads them (files in pip's order, [install] over [global],
 * PIP_* over files), translated into plain data for the build; a fake host stands in for
 * the machine's files and environment.
 */
import { describe, expect, it } from "vitest";
import type { IndexSettings } from "../../src/core/pipeline.js";
import { detectIndexSettings, type PipHost } from "../../src/detect/index-settings.js";

function host(
  files: Record<string, string>,
  env: Record<string, string> = {},
  platform: NodeJS.Platform = "linux",
): PipHost {
  const home = platform === "win32" ? "C:\\Users\\ada" : "/home/ada";
  return { env, platform, home, readFile: (path) => files[path] ?? null };
}

type Expected = Pick<IndexSettings, "indexUrl" | "extraIndexUrls" | "trustedHosts">;
const none: Expected = { indexUrl: null, extraIndexUrls: [], trustedHosts: [] };
const CORP = "https://pypi.corp.example/simple";

const CASES: ReadonlyArray<readonly [string, PipHost, Expected, string[]]> = [
  ["nothing configured", host({}), none, []],
  [
    "the global file",
    host({ "/etc/pip.conf": `[global]\nindex-url = ${CORP}\n` }),
    { ...none, indexUrl: CORP },
    ["/etc/pip.conf:2"],
  ],
  [
    "the user file over the global one",
    host({
      "/etc/xdg/pip/pip.conf": "[global]\nindex-url = https://global.example/simple\n",
      "/home/ada/.config/pip/pip.conf": `[global]\nindex-url = ${CORP}\n`,
    }),
    { ...none, indexUrl: CORP },
    ["/home/ada/.config/pip/pip.conf:2"],
  ],
  [
    "[install] over [global], underscores spelled as dashes",
    host({
      "/home/ada/.pip/pip.conf": `[global]\nindex-url = https://x.example/simple\n[install]\nindex_url = ${CORP}\n`,
    }),
    { ...none, indexUrl: CORP },
    ["/home/ada/.pip/pip.conf:4"],
  ],
  [
    "extra indexes on continuation lines, trusted hosts",
    host({
      "/etc/pip.conf":
        "[global]\nextra-index-url =\n    https://a.example/simple\n    https://b.example/simple\ntrusted-host = a.example\n",
    }),
    {
      ...none,
      extraIndexUrls: ["https://a.example/simple", "https://b.example/simple"],
      trustedHosts: ["a.example"],
    },
    ["/etc/pip.conf:2", "/etc/pip.conf:5"],
  ],
  [
    "PIP_* variables over every file",
    host(
      { "/etc/pip.conf": "[global]\nindex-url = https://file.example/simple\n" },
      {
        PIP_INDEX_URL: CORP,
        PIP_EXTRA_INDEX_URL: "https://a.example/simple https://b.example/simple",
        PIP_TRUSTED_HOST: "a.example b.example",
      },
    ),
    {
      indexUrl: CORP,
      extraIndexUrls: ["https://a.example/simple", "https://b.example/simple"],
      trustedHosts: ["a.example", "b.example"],
    },
    ["PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST"],
  ],
  [
    "PIP_CONFIG_FILE=/dev/null loads no file",
    host({ "/etc/pip.conf": `[global]\nindex-url = ${CORP}\n` }, { PIP_CONFIG_FILE: "/dev/null" }),
    none,
    [],
  ],
  [
    "PIP_CONFIG_FILE wins over the global file and skips the user file",
    host(
      {
        "/etc/pip.conf": "[global]\nindex-url = https://global.example/simple\ntrusted-host = g\n",
        "/home/ada/.config/pip/pip.conf": "[global]\ntrusted-host = user.example\n",
        "/tmp/ci-pip.conf": `[global]\nindex-url = ${CORP}\n`,
      },
      { PIP_CONFIG_FILE: "/tmp/ci-pip.conf" },
    ),
    { ...none, indexUrl: CORP, trustedHosts: ["g"] },
    ["/tmp/ci-pip.conf:2", "/etc/pip.conf:3"],
  ],
  [
    "XDG_CONFIG_HOME and the virtualenv's own file (site wins over user)",
    host(
      {
        "/cfg/pip/pip.conf": "[global]\nindex-url = https://user.example/simple\n",
        "/work/.venv/pip.conf": `[global]\nindex-url = ${CORP}\n`,
      },
      { XDG_CONFIG_HOME: "/cfg", VIRTUAL_ENV: "/work/.venv" },
    ),
    { ...none, indexUrl: CORP },
    ["/work/.venv/pip.conf:2"],
  ],
  [
    "Windows: %APPDATA%\\pip\\pip.ini",
    host(
      { "C:\\Users\\ada\\AppData\\Roaming\\pip\\pip.ini": `[global]\r\nindex-url = ${CORP}\r\n` },
      { APPDATA: "C:\\Users\\ada\\AppData\\Roaming" },
      "win32",
    ),
    { ...none, indexUrl: CORP },
    ["C:\\Users\\ada\\AppData\\Roaming\\pip\\pip.ini:2"],
  ],
  [
    "macOS: Application Support",
    host(
      { "/home/ada/Library/Application Support/pip/pip.conf": `[global]\nindex-url = ${CORP}\n` },
      {},
      "darwin",
    ),
    { ...none, indexUrl: CORP },
    ["/home/ada/Library/Application Support/pip/pip.conf:2"],
  ],
];

describe("detectIndexSettings", () => {
  it.each(CASES)("%s", (_name, pip, expected, where) => {
    const settings = detectIndexSettings(pip);
    const { indexUrl, extraIndexUrls, trustedHosts } = settings;
    expect({ indexUrl, extraIndexUrls, trustedHosts }).toStrictEqual(expected);
    const evidence = settings.evidence.map((e) =>
      e.line === null ? e.file : `${e.file}:${e.line}`,
    );
    expect(evidence).toStrictEqual(where);
    expect(settings.warnings).toStrictEqual([]);
  });

  it.each<readonly [string, Record<string, string>, string]>([
    [
      "a file:// index",
      { PIP_EXTRA_INDEX_URL: "file:///opt/pypi/simple https://a.example/simple" },
      "W_INDEX_LOCAL",
    ],
    ["a local directory", { PIP_INDEX_URL: "/srv/wheels" }, "W_INDEX_LOCAL"],
    ["a CA file of this machine", { PIP_CERT: "/home/ada/corp-ca.pem" }, "W_INDEX_CERT"],
  ])("leaves out what the build cannot reach: %s", (_name, env, code) => {
    const settings = detectIndexSettings(host({}, env));
    expect(settings.warnings.map((w) => w.code)).toStrictEqual([code]);
    expect(settings.indexUrl).toBeNull();
    const reachable = env.PIP_EXTRA_INDEX_URL ? ["https://a.example/simple"] : [];
    expect(settings.extraIndexUrls).toStrictEqual(reachable);
  });

  it("takes the system bundle as PIP_CERT without a warning: the build uses its own store", () => {
    const settings = detectIndexSettings(
      host({}, { PIP_CERT: "/etc/ssl/certs/ca-certificates.crt" }),
    );
    expect(settings.warnings).toStrictEqual([]);
    expect(settings.evidence[0]?.why).toContain("UV_SYSTEM_CERTS=1");
  });

  it.each([
    ["user:password@", `https://ada:s3cret@pypi.corp.example/simple`, "ada", "s3cret"],
    ["a token as the user", `https://__token__@pypi.corp.example/simple`, "__token__", ""],
  ])(
    "takes the credentials out of an index URL (%s): the URL is kept, they become a secret",
    (_name, url, username, password) => {
      const pip = host({ "/etc/pip.conf": `[global]\n\nextra-index-url = ${url}\n` });
      const settings = detectIndexSettings(pip);
      expect(settings.extraIndexUrls).toStrictEqual(["https://pypi.corp.example/simple"]);
      expect(settings.credentials).toMatchObject([
        {
          host: "pypi.corp.example",
          username,
          password,
          evidence: {
            file: "/etc/pip.conf",
            line: 3,
            why: "credentials for pypi.corp.example: passed as a build secret",
          },
        },
      ]);
      expect(JSON.stringify(settings.evidence)).not.toContain("s3cret");
    },
  );
});
