/*
 * `--mirror`, `--apt-mirror`, `--base-registry` (or their [tool.pyship] keys) → MirrorPlan.
 * Flags beat the config file; `--mirror off` switches a configured mirror off. Bad input is
 * one line with its own exit code: an unknown name (E_MIRROR_UNKNOWN), a URL pip, apt or
 * an engine could not use (E_MIRROR_URL).
 */
import { PyshipError } from "../core/errors.js";
import type { Evidence, MirrorPlan } from "../core/pipeline.js";
import { redact } from "../core/redact.js";
import { type Message, msg } from "../i18n/message.js";
import { findPreset, MIRROR_PRESETS } from "./mirror-presets.js";

/** One setting as given, with where it came from (a flag or the config file). */
export interface MirrorInput {
  readonly value: string;
  readonly evidence: Evidence;
}

export interface MirrorInputs {
  readonly mirror?: MirrorInput;
  readonly aptMirror?: MirrorInput;
  readonly baseRegistry?: MirrorInput;
}

export function resolveMirror(inputs: MirrorInputs): MirrorPlan | undefined {
  const { mirror, aptMirror, baseRegistry } = inputs;
  const off = mirror?.value.toLowerCase() === "off";
  const preset = mirror && !off && !looksLikeUrl(mirror.value) ? presetOf(mirror) : undefined;
  const indexUrl = off || !mirror ? null : (preset?.pypi ?? httpUrl(mirror, "--mirror"));
  const apt = aptMirror ? httpUrl(aptMirror, "--apt-mirror") : (preset?.debian ?? null);
  const registry = baseRegistry ? registryHost(baseRegistry) : null;
  if (indexUrl === null && apt === null && registry === null) return undefined;
  return {
    preset: preset?.name ?? null,
    indexUrl,
    aptMirror: apt,
    baseRegistry: registry,
    pitfalls: preset?.pitfalls ?? null,
  };
}

const looksLikeUrl = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) || value.includes("/");

function presetOf(input: MirrorInput) {
  const preset = findPreset(input.value);
  if (preset) return preset;
  const names = [...MIRROR_PRESETS.map((p) => p.name), "URL", "off"].join(", ");
  throw new PyshipError(
    "E_MIRROR_UNKNOWN",
    msg("mirror.unknown", { input: label(input, "--mirror") }),
    {
      hint: msg("mirror.unknown.hint", { names }),
    },
  );
}

/** An http(s) URL without credentials (those go in as build secrets), trailing / removed. */
function httpUrl(input: MirrorInput, flag: string): string {
  let url: URL | null = null;
  try {
    url = new URL(input.value);
  } catch {
    // reported below
  }
  const bad = (why: Message) =>
    new PyshipError("E_MIRROR_URL", msg("mirror.badUrl", { input: label(input, flag), why }), {
      hint: msg("mirror.badUrl.hint", {
        flag,
        path: flag === "--apt-mirror" ? "debian" : "pypi/simple",
      }),
    });
  if (url === null || !/^https?:$/.test(url.protocol) || url.hostname === "")
    throw bad(msg("mirror.notUrl"));
  if (url.username || url.password) throw bad(msg("mirror.credentials"));
  if (/[\s"'`$\\]/.test(input.value)) throw bad(msg("mirror.badChars"));
  return url.href.replace(/\/+$/, "");
}

/** A registry host and optional path (`docker.m.daocloud.io`, `harbor.corp:8443/hub`), no trailing /. */
function registryHost(input: MirrorInput): string {
  const value = input.value.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?(\/[a-z0-9._-]+)*$/i.test(value))
    throw new PyshipError(
      "E_MIRROR_URL",
      msg("mirror.badRegistry", { input: label(input, "--base-registry") }),
      { hint: msg("mirror.badRegistry.hint") },
    );
  return value;
}

/** `--mirror X` for a flag, `pyproject.toml:12: mirror "X"` for the config file (redacted). */
function label(input: MirrorInput, flag: string): string {
  const { file, line } = input.evidence;
  const value = redact(input.value);
  if (file === flag) return `${flag} ${value}`;
  return `${line === null ? file : `${file}:${line}`}: ${flag.slice(2)} "${value}"`;
}
