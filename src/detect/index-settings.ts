/*
 * Where the user's pip finds packages, read the way pip reads it: its configuration files
 * (pip.conf / pip.ini, found as pip finds them) and the PIP_* variables. uv ignores pip's
 * configuration, so the plan carries these settings into the build as plain data with
 * evidence. Mirrors and secrets (issue 12) extend this module.
 */
import { parse as parseIni } from "ini";
import type { Evidence, IndexCredential, IndexSettings, Warning } from "../core/pipeline.js";
import { redact } from "../core/redact.js";
import { because, msg, textOf, withText } from "../i18n/message.js";

/** What this machine offers pip: its environment, platform, home, and a file reader. */
export interface PipHost {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly home: string;
  /** The file's text, or null when it does not exist. */
  readonly readFile: (path: string) => string | null;
}

/** The pip settings this module reads, by their pip.conf key. */
const KEYS = ["index-url", "extra-index-url", "trusted-host", "cert"] as const;
type Key = (typeof KEYS)[number];
type Found = Partial<Record<Key, { readonly value: string; readonly evidence: Evidence }>>;

/** Bundles that are the system store itself: the build's own store (UV_SYSTEM_CERTS) replaces them. */
const SYSTEM_BUNDLES = new Set([
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/cert.pem",
]);

export function detectIndexSettings(host: PipHost): IndexSettings {
  const found = { ...readConfigFiles(host), ...readEnv(host.env) };
  const evidence: Evidence[] = [];
  const warnings: Warning[] = [];
  const credentials: IndexCredential[] = [];
  const urls = (key: "index-url" | "extra-index-url") => {
    const setting = found[key];
    if (setting === undefined) return [];
    evidence.push(setting.evidence);
    return words(setting.value)
      .map((url) => withoutCredentials(url, setting.evidence, credentials))
      .filter((url) => usable(url, setting.evidence, warnings));
  };
  const indexUrl = urls("index-url")[0] ?? null;
  const extraIndexUrls = urls("extra-index-url");
  const trusted = found["trusted-host"];
  if (trusted) evidence.push(trusted.evidence);
  const cert = found.cert;
  if (cert) noteCert(cert.value, cert.evidence, evidence, warnings);
  return {
    indexUrl,
    extraIndexUrls,
    trustedHosts: trusted ? words(trusted.value) : [],
    evidence,
    warnings,
    ...(credentials.length > 0 ? { credentials } : {}),
  };
}

/**
 * pip's order: global files, then user files (skipped when PIP_CONFIG_FILE names an existing
 * file), then the site file, then PIP_CONFIG_FILE; later files win, and in each file
 * [install] wins over [global] (pip install reads both). PIP_CONFIG_FILE=os.devnull: none.
 */
function readConfigFiles(host: PipHost): Found {
  const envFile = host.env.PIP_CONFIG_FILE;
  if (envFile === "/dev/null" || envFile === "nul") return {};
  const envText = envFile ? host.readFile(envFile) : null;
  const paths = [
    ...globalFiles(host),
    ...(envText === null ? userFiles(host) : []),
    ...(host.env.VIRTUAL_ENV ? [joinPath(host, host.env.VIRTUAL_ENV, configName(host))] : []),
    ...(envFile ? [envFile] : []),
  ];
  let found: Found = {};
  for (const path of paths) {
    const text = host.readFile(path);
    if (text !== null) found = { ...found, ...readConfigFile(path, text) };
  }
  return found;
}

function configName(host: PipHost): string {
  return host.platform === "win32" ? "pip.ini" : "pip.conf";
}

function joinPath(host: PipHost, ...parts: string[]): string {
  return parts.join(host.platform === "win32" ? "\\" : "/");
}

function globalFiles(host: PipHost): string[] {
  const name = configName(host);
  if (host.platform === "win32")
    return [joinPath(host, host.env.PROGRAMDATA ?? "C:\\ProgramData", "pip", name)];
  if (host.platform === "darwin") return [`/Library/Application Support/pip/${name}`];
  const xdg = (host.env.XDG_CONFIG_DIRS || "/etc/xdg").split(":").filter(Boolean);
  return [...xdg.map((dir) => `${dir}/pip/${name}`), `/etc/${name}`];
}

/** The legacy file first, then the current one (which wins). */
function userFiles(host: PipHost): string[] {
  const name = configName(host);
  if (host.platform === "win32") {
    const appData = host.env.APPDATA ?? joinPath(host, host.home, "AppData", "Roaming");
    return [joinPath(host, host.home, "pip", name), joinPath(host, appData, "pip", name)];
  }
  const current =
    host.platform === "darwin"
      ? `${host.home}/Library/Application Support/pip/${name}`
      : `${host.env.XDG_CONFIG_HOME || `${host.home}/.config`}/pip/${name}`;
  const xdg = `${host.env.XDG_CONFIG_HOME || `${host.home}/.config`}/pip/${name}`;
  // On macOS pip falls back to ~/.config/pip when the Application Support file is absent.
  const mac = host.platform === "darwin" && host.readFile(current) === null ? [xdg] : [];
  return [`${host.home}/.pip/${name}`, ...mac, current];
}

/**
 * One pip configuration file. `ini` has no continuation lines, which pip's configparser
 * allows (a value on the following indented lines), so those are joined to their key first.
 * pip spells keys with `-` or `_`.
 */
export function readConfigFile(path: string, text: string): Found {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const joined: string[] = [];
  const lineOf: number[] = [];
  lines.forEach((line, index) => {
    const continues = /^\s+\S/.test(line) && joined.length > 0 && !/^\s*[#;[]/.test(line);
    if (continues) joined[joined.length - 1] += ` ${line.trim()}`;
    else {
      joined.push(line);
      lineOf.push(index + 1);
    }
  });
  const data = parseIni(joined.join("\n")) as Record<string, Record<string, unknown>>;
  const found: Found = {};
  for (const section of ["global", "install"]) {
    for (const [rawKey, value] of Object.entries(data[section] ?? {})) {
      const key = rawKey.replaceAll("_", "-") as Key;
      if (!KEYS.includes(key) || typeof value !== "string") continue;
      const line = lineOf[joined.findIndex((l) => new RegExp(`^\\s*${rawKey}\\s*[=:]`).test(l))];
      const why = because(msg("ev.index.pipConf", { key, value: redact(value), section }));
      found[key] = { value, evidence: { file: path, line: line ?? null, ...why } };
    }
  }
  return found;
}

/**
 * The variables of the other tools, for the keys no PIP_* variable sets: uv's (UV_INDEX
 * entries may be `name=url`) and PDM's. Later rows win (uv's current names over its old).
 */
const TOOL_VARIABLES: ReadonlyArray<readonly [string, Key]> = [
  ["PDM_PYPI_URL", "index-url"],
  ["UV_INDEX_URL", "index-url"],
  ["UV_DEFAULT_INDEX", "index-url"],
  ["UV_EXTRA_INDEX_URL", "extra-index-url"],
  ["UV_INDEX", "extra-index-url"],
];

function readToolEnv(env: PipHost["env"]): Found {
  const found: Found = {};
  for (const [name, key] of TOOL_VARIABLES) {
    const raw = env[name];
    if (!raw) continue;
    const value = words(raw)
      .map((entry) => entry.replace(/^[\w.-]+=(?=https?:)/, ""))
      .join(" ");
    found[key] = { value, evidence: { file: name, line: null, ...fromVariable(key, value, name) } };
  }
  return found;
}

/** PIP_<KEY> variables override every file, as in pip. */
function readEnv(env: PipHost["env"]): Found {
  const found: Found = { ...readToolEnv(env) };
  for (const key of KEYS) {
    const name = `PIP_${key.toUpperCase().replaceAll("-", "_")}`;
    const value = env[name];
    if (value)
      found[key] = {
        value,
        evidence: { file: name, line: null, ...fromVariable(key, value, name) },
      };
  }
  return found;
}

function fromVariable(key: Key, value: string, name: string) {
  return because(msg("ev.index.variable", { key, value: redact(value), name: `$${name}` }));
}

const words = (value: string) => value.split(/\s+/).filter(Boolean);

/**
 * user:password@ (or a token as the user) comes out of the URL: the URL goes into the
 * Dockerfile, the credentials only into a BuildKit secret at build time.
 */
function withoutCredentials(url: string, evidence: Evidence, into: IndexCredential[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // a local path: pip reads it as a directory of packages
  }
  if (!parsed.username && !parsed.password) return url;
  into.push({
    host: parsed.hostname,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    evidence: { ...evidence, ...because(msg("ev.index.credentials", { host: parsed.hostname })) },
  });
  parsed.username = "";
  parsed.password = "";
  return parsed.href.replace(/\/$/, url.endsWith("/") ? "/" : "");
}

/** A URL the build can use: an http(s) index. A file:// index or a local path exists on this machine only. */
function usable(url: string, evidence: Evidence, warnings: Warning[]): boolean {
  if (/^https?:\/\//i.test(url)) return true;
  const text = withText(msg("warn.indexLocal", { url, file: evidence.file }));
  warnings.push({ code: "W_INDEX_LOCAL", ...text, file: evidence.file });
  return false;
}

function noteCert(path: string, from: Evidence, evidence: Evidence[], warnings: Warning[]): void {
  if (SYSTEM_BUNDLES.has(path)) {
    evidence.push({ ...from, ...because(msg("ev.index.systemCert", { why: textOf(from) })) });
    return;
  }
  const text = withText(msg("warn.indexCert", { path, file: from.file }));
  warnings.push({ code: "W_INDEX_CERT", ...text, file: from.file });
}
