/*
 * The environment compose gives the app's processes: for every variable the code reads that
 * a rule in wiring.ts knows, the value of the found service's connection part; for every
 * service the code reads no variable of, its conventional variable (DATABASE_URL, REDIS_URL)
 * with a warning. Secrets referenced by a value are collected so they get generated.
 */

import type { ComposeWire, ServiceKind, Warning } from "../core/pipeline.js";
import type { EnvRead } from "../detect/python-ast/env-reads.js";
import { because, msg, withText } from "../i18n/message.js";
import type { FoundServices } from "./detect-services.js";
import { type ConnectionParts, SERVICE_KINDS } from "./service-kinds.js";
import { CONVENTIONAL_NAMES, LOOKS_LIKE_CONNECTION, partOfName, ruleFor } from "./wiring.js";

export interface Wiring {
  readonly env: readonly ComposeWire[];
  readonly warnings: readonly Warning[];
}

export function planWiring(found: FoundServices, reads: readonly EnvRead[]): Wiring {
  const env: ComposeWire[] = [];
  const warnings: Warning[] = [];
  const wired = new Set<ServiceKind>();
  for (const read of firstReads(reads)) {
    const rule = ruleFor(read.name);
    const kind = rule ? targetKind(rule.target, found) : null;
    if (rule?.target === "secret") {
      env.push({ name: read.name, value: `\${${read.name}}`, evidence: read.evidence });
    } else if (rule && kind) {
      const value = connectionValue(kind, rule.part ?? partOfName(read.name), found, read.name);
      env.push({ name: read.name, value, evidence: read.evidence });
      wired.add(kind);
    } else if (LOOKS_LIKE_CONNECTION.test(read.name) && !rule) {
      warnings.push(unwired(read));
    }
  }
  for (const service of found.services.filter((s) => !wired.has(s.kind))) {
    const name = CONVENTIONAL_NAMES[service.kind];
    if (env.some((wire) => wire.name === name)) continue;
    const why = msg("compose.ev.conventional", { kind: service.kind, name });
    const evidence = { ...(service.evidence[0] ?? { file: "", line: null }), ...because(why) };
    env.push({ name, value: connectionValue(service.kind, "url", found), evidence });
    const warning = withText(msg("compose.warn.conventional", { why }));
    warnings.push({ code: "compose-conventional-env", ...warning });
  }
  return { env, warnings };
}

/** One read per name, the first in file order (later reads are the same variable). */
function firstReads(reads: readonly EnvRead[]): EnvRead[] {
  const seen = new Set<string>();
  return reads.filter((read) => !seen.has(read.name) && seen.add(read.name));
}

/** The service a rule's target means in this project, or null when there is none. */
function targetKind(target: string, found: FoundServices): ServiceKind | null {
  const has = (kind: ServiceKind) => found.services.some((s) => s.kind === kind);
  if (target === "broker") return found.broker;
  if (target === "results") return has("redis") ? "redis" : null;
  if (target === "sql") return (["postgres", "mysql"] as const).find(has) ?? null;
  return has(target as ServiceKind) ? (target as ServiceKind) : null;
}

function connectionValue(
  kind: ServiceKind,
  part: keyof ConnectionParts,
  found: FoundServices,
  name = "",
): string {
  const value = SERVICE_KINDS[kind].parts[part];
  // DATABASE_ASYNC_URL beside DATABASE_URL: the async driver's scheme for the async engine.
  const asyncScheme = /ASYNC/.test(name) ? found.asyncSchemes?.[kind] : undefined;
  return value.replace(
    "{scheme}",
    asyncScheme ?? found.schemes[kind] ?? SERVICE_KINDS[kind].scheme,
  );
}

function unwired(read: EnvRead): Warning {
  return {
    code: "compose-unwired-env",
    ...withText(msg("compose.warn.unwired", { name: read.name })),
    file: read.evidence.file,
    ...(read.evidence.line === null ? {} : { line: read.evidence.line }),
  };
}
