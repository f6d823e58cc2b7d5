/*
 * Mirrors for the build (src/mirror): `--mirror`, `--apt-mirror`, `--base-registry` beat
 * the same keys in [tool.pyship]; each choice is evidence, a preset's pitfalls a warning so
 * `pyship plan` shows them before the first build does.
 */
import type { Evidence, Plan, PlanOptions, ProjectFacts } from "../core/pipeline.js";
import { EN } from "../i18n/catalogs/en.js";
import { because, type Message, type MessageKey, msg, withText } from "../i18n/message.js";
import { type MirrorInput, resolveMirror } from "../mirror/resolve-mirror.js";
import { fromFlag, type Notes } from "./notes.js";

/** Flag name, option, config key: one row per setting. */
const SETTINGS = [
  ["--mirror", "mirror", "mirror"],
  ["--apt-mirror", "aptMirror", "apt-mirror"],
  ["--base-registry", "baseRegistry", "base-registry"],
] as const;

export function planMirror(
  facts: ProjectFacts,
  options: PlanOptions,
  notes: Notes,
): { mirror?: Plan["mirror"] } {
  const inputs: Record<string, MirrorInput> = {};
  for (const [flag, key, configKey] of SETTINGS) {
    const input = inputOf(options[key], facts.config[key], flag, configKey, facts.config.source);
    if (input) inputs[key] = input;
  }
  const mirror = resolveMirror(inputs);
  if (mirror === undefined) return {};
  for (const input of Object.values(inputs)) notes.evidence.push(input.evidence);
  if (mirror.pitfalls)
    notes.warnings.push({
      code: "W_MIRROR_PITFALL",
      ...withText(
        msg("warn.mirrorPitfall", {
          preset: mirror.preset ?? "",
          pitfalls: pitfallsText(mirror.preset, mirror.pitfalls),
        }),
      ),
    });
  return { mirror };
}

/** A preset's pitfalls in the catalog (`mirror.pitfalls.<name>`, the table's English). */
function pitfallsText(preset: string | null, pitfalls: string): string | Message {
  const key = `mirror.pitfalls.${preset}`;
  return preset !== null && key in EN ? msg(key as MessageKey) : pitfalls;
}

function inputOf(
  flag: string | undefined,
  config: string | undefined,
  name: string,
  key: string,
  source: Evidence | null,
): MirrorInput | undefined {
  if (flag !== undefined) return { value: flag, evidence: fromFlag(name, `${name} ${flag}`) };
  if (config === undefined) return undefined;
  const evidence = { file: source?.file ?? "pyproject.toml", line: source?.line ?? null };
  return {
    value: config,
    evidence: { ...evidence, ...because(msg("ev.config.value", { key, value: config })) },
  };
}
