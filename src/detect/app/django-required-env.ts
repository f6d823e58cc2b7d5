/*
 * The environment variables a Django settings module cannot import without: read with no
 * default and no guard (src/detect/python-ast/env-required.ts decides), in the module the server uses
 * and the modules it star-imports. collectstatic imports the settings at build time, where no
 * platform has set them yet; the plan gives each a build-only placeholder (plan-django.ts).
 */

import type { DjangoFacts } from "../../core/pipeline.js";
import { envReads } from "../python-ast/env-reads.js";
import type { PyModule, PythonSources } from "./python-sources.js";

/** Set by pyship's own collectstatic step already (with SECRET_KEY's variable, secretKeyEnv). */
const SET_BY_PYSHIP = ["DJANGO_SETTINGS_MODULE"];

export function djangoRequiredEnv(
  sources: PythonSources,
  chain: readonly PyModule[],
  secretKeyEnv: string | null,
): NonNullable<DjangoFacts["requiredEnv"]> {
  const seen = new Set<string>([...SET_BY_PYSHIP, ...(secretKeyEnv ? [secretKeyEnv] : [])]);
  return chain.flatMap((module) =>
    envReads(module.path, sources.text(module.path) ?? "")
      .filter((read) => read.required && !seen.has(read.name) && seen.add(read.name))
      .map((read) => ({ name: read.name, evidence: read.evidence })),
  );
}

/**
 * The variable ALLOWED_HOSTS is read from, on its own line (`[os.environ["WEBSITE_HOSTNAME"]]`,
 * `os.environ.get("DJANGO_ALLOWED_HOSTS").split(" ")`), with the separator the code splits on
 * (null: one host). The platform sets it; verify sets it to the host its probe asks for.
 */
export function allowedHostsEnv(
  sources: PythonSources,
  where: { readonly file: string; readonly line: number | null },
): { name: string; separator: string | null } | null {
  const text = sources.text(where.file) ?? "";
  const read = envReads(where.file, text).find((r) => r.evidence.line === where.line);
  if (!read || where.line === null) return null;
  const line = text.split("\n")[where.line - 1] ?? "";
  // A default ("*", "localhost") already makes the list work without the platform.
  const defaulted = new RegExp(`["']${read.name}["']\\s*,|\\bdefault\\s*=|\\)\\s+or\\b`);
  if (defaulted.test(line)) return null;
  const separator = /\.split\(\s*(["'])(.*?)\1\s*\)/.exec(line)?.[2] ?? null;
  return { name: read.name, separator: /\.split\(\s*\)/.test(line) ? " " : separator };
}
