/*
 * Build failures people hit again and again, each recognized in the build log and turned
 * into its own error code with a hint that says exactly what to change. First match wins:
 * engine faults and a missing base image come before compile and network errors, because
 * their logs can contain the later patterns too (a registry lookup is a DNS failure).
 */
import type { ErrorCode } from "../core/errors.js";
import { NETWORK_FAILURES } from "./network-failures.js";

export interface KnownFailure {
  readonly code: ErrorCode;
  /** Short cause shown after "build failed: ". */
  readonly cause: string;
  readonly hint: string;
  /** The hint's key in the CLI's catalog, when it has translations. */
  readonly hintKey?: string;
  /** Debian packages that fix it, when a missing header/tool is the cause. */
  readonly packages?: { readonly build: readonly string[]; readonly runtime: readonly string[] };
}

interface Rule {
  readonly pattern: RegExp;
  readonly explain: (match: RegExpExecArray, log: string) => KnownFailure;
}

/** Missing C headers / build tools → the Debian packages that provide them. */
const NATIVE: readonly {
  readonly clue: RegExp;
  readonly build: string;
  readonly runtime: string;
}[] = [
  { clue: /libpq-fe\.h|pg_config/, build: "libpq-dev", runtime: "libpq5" },
  {
    clue: /mysql_config|mysql\.h|mysqlclient/,
    build: "default-libmysqlclient-dev pkg-config",
    runtime: "libmariadb3",
  },
  { clue: /ffi\.h/, build: "libffi-dev", runtime: "libffi8" },
  { clue: /openssl\/\w+\.h/, build: "libssl-dev", runtime: "libssl3" },
  {
    clue: /libxml\/\w+\.h|libxslt/,
    build: "libxml2-dev libxslt1-dev",
    runtime: "libxml2 libxslt1.1",
  },
  { clue: /jpeglib\.h/, build: "libjpeg-dev", runtime: "libjpeg62-turbo" },
  { clue: /zlib\.h/, build: "zlib1g-dev", runtime: "" },
  { clue: /lber\.h|ldap\.h/, build: "libldap2-dev libsasl2-dev", runtime: "libldap-2.5-0" },
  { clue: /cairo\.h/, build: "libcairo2-dev pkg-config", runtime: "libcairo2" },
  { clue: /Python\.h/, build: "python3-dev", runtime: "" },
  {
    clue: /gcc|cc1|x86_64-linux-gnu-gcc|command 'cc'|error: command '.*' failed/,
    build: "build-essential",
    runtime: "",
  },
];

function nativeHint(text: string): KnownFailure {
  const found = NATIVE.find((n) => n.clue.test(text)) ?? NATIVE[NATIVE.length - 1];
  const list = (names: string) =>
    names
      .split(" ")
      .filter(Boolean)
      .map((n) => `"${n}"`)
      .join(", ");
  const runtime = found?.runtime ? `, runtime = [${list(found.runtime)}]` : "";
  return {
    code: "E_BUILD_FAILED",
    cause: `a native extension could not compile (${text.trim().slice(0, 80)})`,
    hint: `add the system packages under [tool.pyship.apt] in pyproject.toml: build = [${list(found?.build ?? "")}]${runtime}, then rebuild`,
    packages: { build: words(found?.build ?? ""), runtime: words(found?.runtime ?? "") },
  };
}

const words = (text: string) => text.split(" ").filter(Boolean);

const NETWORK_HINT =
  "the build cannot reach the package index: try `--network host`, pass a proxy (`--build-arg HTTPS_PROXY=http://proxy:3128`), or point pip at a mirror (`--build-arg PIP_INDEX_URL=…`)";

export const KNOWN_FAILURES: readonly Rule[] = [
  {
    // Legacy: "pull access denied", "manifest … not found", `Get "https://registry…"`.
    // BuildKit: "load metadata for IMAGE" then a failed registry request.
    pattern:
      /pull access denied for \S+|manifest for \S+ not found|Get "https:\/\/[^"]*\/v2\/": dial tcp|failed to do request: Head "https:\/\/[^"]*\/manifests\/|failed to resolve source metadata for \S+|docker\.io\/\S+: not found/,
    explain: (_m, log) => ({
      code: "E_BASE_IMAGE_MISSING",
      cause:
        `base image ${baseImageIn(log) ?? ""} is not available locally and the registry cannot be reached`.replace(
          "  ",
          " ",
        ),
      hint: "pull it where a registry is reachable (`docker pull IMAGE`, or `docker load` it), build through a registry mirror (`--base-registry docker.m.daocloud.io` or your company's), or build on an image you have with `--base-image IMAGE` (`docker images` lists them)",
    }),
  },
  {
    pattern:
      /fatal error: ([\w./+-]+\.h): No such file|pg_config executable not found|mysql_config not found|error: command '[^']*gcc[^']*' failed|gcc: not found|unable to execute '[^']*gcc'/,
    explain: (m) => nativeHint(m[0]),
  },
  // pip, uv and apt failures that say more than "unreachable", each with its own hint.
  ...NETWORK_FAILURES.map(
    (failure): Rule => ({
      pattern: failure.pattern,
      explain: () => ({
        code: "E_NETWORK",
        cause: failure.cause,
        hint: failure.hint,
        hintKey: `network.${failure.id}`,
      }),
    }),
  ),
  {
    pattern:
      /Temporary failure in name resolution|Failed to establish a new connection|Network is unreachable|Could not find a version that satisfies the requirement \S+ \(from versions: none\)|Connection timed out|ReadTimeoutError|Could not resolve host|dns error|tcp connect error/,
    explain: () => ({
      code: "E_NETWORK",
      cause: "pip, uv (or apt) could not reach its package index",
      hint: NETWORK_HINT,
    }),
  },
  {
    pattern:
      /Could not find a version that satisfies the requirement (\S+) \(from versions: [^)]+\)|Because (?:there is no version of|only \S+ is available and you require) ([A-Za-z0-9._-]+[^\s,]*)/,
    explain: (m) => ({
      code: "E_BUILD_FAILED",
      cause: `no release of ${m[1] ?? m[2]} matches its version pin`,
      hint: "check the pin in your requirements (the versions pip or uv saw are in the log above) and the image's Python version (`--python`); through a mirror, a fresh release may not be there yet: retry against the upstream index (--mirror off)",
    }),
  },
  {
    pattern: /E: Unable to locate package (\S+)/,
    explain: (m) => ({
      code: "E_BUILD_FAILED",
      cause: `apt has no package named ${m[1]}`,
      hint: "check the name under [tool.pyship.apt] (Debian bookworm package names: https://packages.debian.org)",
    }),
  },
  {
    pattern:
      /COPY failed: [^\n]*(?:no such file|not found)|failed to compute cache key: [^\n]*"?\/?([^"\s]+)"?: not found/,
    explain: () => ({
      code: "E_BUILD_FAILED",
      cause: "a file the Dockerfile copies is not in the build context",
      hint: "check that the file exists and that .dockerignore does not exclude it",
    }),
  },
  {
    // pyship's generated collectstatic step: settings must import with no database or secrets.
    pattern:
      /collectstatic --noinput[\s\S]*?(?:KeyError: '([A-Z][A-Z0-9_]*)'|Set the ([A-Z][A-Z0-9_]*) environment variable|((?:[a-z_]\w*\.)*\w*(?:Error|ImproperlyConfigured): [^\n]*))/,
    explain: (m) => {
      const name = m[1] ?? m[2];
      return {
        code: "E_BUILD_FAILED",
        cause: name
          ? `collectstatic needs the environment variable ${name}, which the build does not have`
          : `collectstatic failed: ${m[3]?.slice(0, 120)}`,
        hint: name
          ? `settings must import at build time without runtime values: give ${name} a default (os.environ.get("${name}", "")) and check it where it is used`
          : "collectstatic runs at build time with no database and no secrets: the settings must import without them (defaults for environment variables, no queries at import)",
      };
    },
  },
];

/** The image a failed FROM named, from either builder's log. */
function baseImageIn(log: string): string | null {
  const patterns = [
    /load metadata for (\S+?):?$/m,
    /pull access denied for ([^\s,]+)/,
    /manifest for (\S+) not found/,
    /^Step \d+\/\d+ : FROM (\S+)/m,
  ];
  for (const pattern of patterns) {
    const found = pattern.exec(log)?.[1];
    if (found) return found.replace(/^docker\.io\/library\//, "");
  }
  return null;
}

/** The first known failure in the log text, or null. */
export function knownFailure(log: string): KnownFailure | null {
  for (const rule of KNOWN_FAILURES) {
    const match = rule.pattern.exec(log);
    if (match) return rule.explain(match, log);
  }
  return null;
}
