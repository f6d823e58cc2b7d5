/*
 * setup.cfg, the declarative setuptools config. It is INI as Python's configparser reads
 * it: `key = value` or `key: value`, values continued on indented lines (install_requires
 * and console_scripts are such multi-line lists), comments with # or ; at the start of a line.
 */
import type { ProjectFiles } from "../project-files.js";

export interface CfgValue {
  /** Line of the key. */
  readonly line: number;
  /** First-line value plus continuation lines, each with its own line number. */
  readonly items: readonly { readonly value: string; readonly line: number }[];
}

export type SetupCfg = ReadonlyMap<string, ReadonlyMap<string, CfgValue>>;

export function readSetupCfg(files: ProjectFiles): SetupCfg | null {
  return files.has("setup.cfg") ? parseSetupCfg(files.read("setup.cfg")) : null;
}

export function parseSetupCfg(text: string): SetupCfg {
  const sections = new Map<string, Map<string, CfgValue>>();
  let section: Map<string, CfgValue> | undefined;
  let current: { line: number; items: { value: string; line: number }[] } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*([#;].*)?$/.test(raw)) return;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header?.[1]) {
      section = new Map();
      sections.set(header[1].trim(), section);
      current = undefined;
    } else if (/^\s/.test(raw) && current) {
      current.items.push({ value: stripInline(raw), line });
    } else {
      const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
      if (!pair?.[1] || !section) return;
      current = { line, items: pair[2] ? [{ value: stripInline(pair[2]), line }] : [] };
      section.set(pair[1].trim().replace(/-/g, "_"), current);
    }
  });
  return sections;
}

/** The items of `[section] key`, skipping empty ones. */
export function cfgItems(
  cfg: SetupCfg | null,
  section: string,
  key: string,
): { value: string; line: number }[] {
  return (cfg?.get(section)?.get(key)?.items ?? []).filter((item) => item.value !== "");
}

/** configparser (as setuptools uses it) has no inline comments: `; python_version…` is a marker. */
function stripInline(value: string): string {
  return value.trim();
}
