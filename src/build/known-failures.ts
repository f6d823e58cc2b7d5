/*
 * Build failures people hit again and again, each recognized in the build log and turned
 * into its own error code with a hint that says exactly what to change. First match wins:
 * engine faults and a missing base image come before compile and network errors, because
 * their logs can contain the later patterns too (a registry lookup is a DNS failure).
 */
import type { ErrorCode } from "../core/errors.js";
import { english, type Message, msg } from "../i18n/message.js";
import { NETWORK_FAILURES } from "./network-failures.js";

export interface KnownFailure {
  readonly code: ErrorCode;
  /** Short cause shown after "build failed: " (English; causeText is the catalog message). */
  readonly cause: string;
  readonly hint: string;
  readonly causeText: Message;
  readonly hintText: Message;
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
    ...failure(
      "E_BUILD_FAILED",
      msg("build.k.native", { output: text.trim().slice(0, 80) }),
      msg("build.k.native.hint", { build: list(found?.build ?? ""), runtime }),
    ),
    packages: { build: words(found?.build ?? ""), runtime: words(found?.runtime ?? "") },
  };
}

/** A known failure with its cause and hint both in English and as catalog messages. */
function failure(code: ErrorCode, cause: Message, hint: Message): KnownFailure {
  return { code, cause: english(cause), hint: english(hint), causeText: cause, hintText: hint };
}

const words = (text: string) => text.split(" ").filter(Boolean);

export const KNOWN_FAILURES: readonly Rule[] = [
  {
    // Legacy: "pull access denied", "manifest … not found", `Get "https://registry…"`.
    // BuildKit: "load metadata for IMAGE" then a failed registry request.
    pattern:
      /pull access denied for \S+|manifest for \S+ not found|Get "https:\/\/[^"]*\/v2\/": dial tcp|failed to do request: Head "https:\/\/[^"]*\/manifests\/|failed to resolve source metadata for \S+|docker\.io\/\S+: not found/,
    explain: (_m, log) => {
      const image = baseImageIn(log);
      return failure(
        "E_BASE_IMAGE_MISSING",
        image ? msg("build.k.baseImage", { image }) : msg("build.k.baseImageUnnamed"),
        msg("build.k.baseImage.hint"),
      );
    },
  },
  {
    pattern:
      /fatal error: ([\w./+-]+\.h): No such file|pg_config executable not found|mysql_config not found|error: command '[^']*gcc[^']*' failed|gcc: not found|unable to execute '[^']*gcc'/,
    explain: (m) => nativeHint(m[0]),
  },
  // pip, uv and apt failures that say more than "unreachable", each with its own hint.
  ...NETWORK_FAILURES.map(
    (network): Rule => ({
      pattern: network.pattern,
      explain: () => ({
        ...failure("E_NETWORK", network.cause, network.hint),
        hintKey: `network.${network.id}`,
      }),
    }),
  ),
  {
    pattern:
      /Temporary failure in name resolution|Failed to establish a new connection|Network is unreachable|Could not find a version that satisfies the requirement \S+ \(from versions: none\)|Connection timed out|ReadTimeoutError|Could not resolve host|dns error|tcp connect error/,
    explain: () =>
      failure("E_NETWORK", msg("build.k.unreachable"), msg("build.k.unreachable.hint")),
  },
  {
    pattern:
      /Could not find a version that satisfies the requirement (\S+) \(from versions: [^)]+\)|Because (?:there is no version of|only \S+ is available and you require) ([A-Za-z0-9._-]+[^\s,]*)/,
    explain: (m, log) => {
      const name = m[1] ?? m[2] ?? "";
      const [, project, version] = /^([A-Za-z0-9._-]+)==([\w.!+-]+)$/.exec(name) ?? [];
      // An exact pin the index lists no files for, when no Requires-Python excluded it: the
      // release was deleted upstream (a yanked one still installs by its exact pin).
      const missing = project && version && !excludedByPython(log, version);
      return missing
        ? failure(
            "E_BUILD_FAILED",
            msg("build.k.pinNotOnIndex", { name: project, version }),
            msg("build.k.pinNotOnIndex.hint", { name: project, version }),
          )
        : failure(
            "E_BUILD_FAILED",
            msg("build.k.noRelease", { name }),
            msg("build.k.noRelease.hint"),
          );
    },
  },
  {
    pattern: /E: Unable to locate package (\S+)/,
    explain: (m) =>
      failure(
        "E_BUILD_FAILED",
        msg("build.k.noAptPackage", { name: m[1] ?? "" }),
        msg("build.k.noAptPackage.hint"),
      ),
  },
  {
    pattern:
      /COPY failed: [^\n]*(?:no such file|not found)|failed to compute cache key: [^\n]*"?\/?([^"\s]+)"?: not found/,
    explain: () =>
      failure("E_BUILD_FAILED", msg("build.k.copyMissing"), msg("build.k.copyMissing.hint")),
  },
  {
    // pyship's generated collectstatic step: settings must import with no database or secrets.
    pattern:
      /collectstatic --noinput[\s\S]*?(?:KeyError: '([A-Z][A-Z0-9_]*)'|Set the ([A-Z][A-Z0-9_]*) environment variable|((?:[a-z_]\w*\.)*\w*(?:Error|ImproperlyConfigured): [^\n]*))/,
    explain: (m) => {
      const name = m[1] ?? m[2];
      return name
        ? failure(
            "E_BUILD_FAILED",
            msg("build.k.collectstaticEnv", { name }),
            msg("build.k.collectstaticEnv.hint", { name }),
          )
        : failure(
            "E_BUILD_FAILED",
            msg("build.k.collectstatic", { error: `${m[3]?.slice(0, 120)}` }),
            msg("build.k.collectstatic.hint"),
          );
    },
  },
];

/**
 * Whether the installer left `version` out for the image's Python: pip lists such releases
 * as `0.5.0 Requires-Python >=3.8` (for every package, so only the version itself counts);
 * uv names the current or requested Python version in its resolution.
 */
function excludedByPython(log: string, version: string): boolean {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (
    new RegExp(`[:;] ${escaped} Requires-Python`).test(log) ||
    /the (?:current|requested) Python version/.test(log)
  );
}

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
