/*
 * Which installer fills the venv (uv unless the user picks pip), and the package index it
 * installs from (the user's pip settings, read by src/detect/index-settings.ts).
 * Precedence: --installer > [tool.pyship] installer > uv (pip for the Pythons uv can't fill).
 */
import { PyshipError } from "../core/errors.js";
import type { Evidence, Installer, Plan, PlanOptions, ProjectFacts } from "../core/pipeline.js";
import { OWN_PIP } from "../core/python-versions.js";
import { because, msg } from "../i18n/message.js";
import { INDEX_SECRET_ID } from "../mirror/index-secret.js";
import { byDefault, fromFlag, type Notes } from "./notes.js";
import { SERVERS } from "./servers.js";

export function planInstaller(
  facts: ProjectFacts,
  options: PlanOptions,
  python: string,
  notes: Notes,
): Installer {
  if (options.installer !== undefined) {
    notes.evidence.push(fromFlag("--installer", `${options.installer} installs the dependencies`));
    return options.installer;
  }
  const { config } = facts;
  if (config.installer !== undefined) {
    notes.evidence.push({
      ...(config.source ?? byDefault("")),
      ...because(msg("ev.installer.config", { installer: config.installer })),
    });
    return config.installer;
  }
  const ownPip = OWN_PIP[python];
  if (ownPip !== undefined) {
    notes.evidence.push(byDefault(msg("ev.installer.ownPip", { version: python, pip: ownPip })));
    return "pip";
  }
  notes.evidence.push(byDefault(msg("ev.installer.default")));
  return "uv";
}

/** The user's index settings for the build, each with the file or variable it came from. */
export function planIndex(options: PlanOptions, notes: Notes): Plan["index"] {
  const settings = options.index;
  if (settings === undefined) return null;
  notes.evidence.push(...settings.evidence);
  notes.warnings.push(...settings.warnings);
  const { indexUrl, extraIndexUrls, trustedHosts } = settings;
  if (indexUrl === null && extraIndexUrls.length === 0 && trustedHosts.length === 0) return null;
  const hosts = [...new Set((settings.credentials ?? []).map((c) => c.host))];
  if (hosts.length === 0) return { indexUrl, extraIndexUrls, trustedHosts };
  if (options.buildkit !== true) throw secretsNeedBuildkit(settings.credentials?.[0]?.evidence);
  return { indexUrl, extraIndexUrls, trustedHosts, secret: { id: INDEX_SECRET_ID, hosts } };
}

/** Without secret mounts the only ways in would be ARG or ENV, which the image keeps: refused. */
function secretsNeedBuildkit(from: Evidence | undefined): PyshipError {
  const where =
    from === undefined ? "" : `${from.line === null ? from.file : `${from.file}:${from.line}`}: `;
  return new PyshipError("E_SECRET_UNSUPPORTED", msg("secret.unsupported", { where }), {
    hint: msg("secret.unsupported.hint"),
  });
}

/**
 * The servers pyship adds come as a range of majors known to work (`gunicorn>=23,<28`); on
 * the old Pythons of OWN_PIP that floor may exclude every release that still supports them
 * (gunicorn 23 needs 3.7), and with a resolve date every release may be newer than the day
 * (gunicorn 23 is of 2024-08; compose-django resolves as of 2022-05-16). The floor is lifted
 * there, the ceiling kept: the installer picks the newest release the Python and the day admit.
 */
export function withOldPythonSpecs(
  install: Plan["install"],
  python: string,
  resolveDate: string | undefined,
  notes: Notes,
): Plan["install"] {
  if (OWN_PIP[python] === undefined && resolveDate === undefined) return install;
  const lift = (line: string) => LIFTED.get(line) ?? line;
  const lines = [...install.extraPackages, ...(install.resolved?.lines ?? [])];
  const changed = [...new Set(lines.filter((line) => LIFTED.has(line)))];
  for (const spec of changed) {
    const lifted = lift(spec);
    const text =
      OWN_PIP[python] !== undefined
        ? msg("ev.installer.oldPythonSpec", { spec, lifted, version: python })
        : msg("ev.installer.datedSpec", { spec, lifted, date: resolveDate ?? "" });
    notes.evidence.push(byDefault(text));
  }
  if (changed.length === 0) return install;
  const resolved = install.resolved && {
    ...install.resolved,
    lines: install.resolved.lines.map(lift),
  };
  return {
    ...install,
    extraPackages: install.extraPackages.map(lift),
    ...(resolved ? { resolved } : {}),
  };
}

/** `gunicorn>=23,<28` → `gunicorn<28`, for every server spec with a floor and a ceiling. */
const LIFTED: ReadonlyMap<string, string> = new Map(
  Object.values(SERVERS).flatMap(({ spec }): [string, string][] => {
    const ceiling = spec.split(",").find((part) => part.includes("<"));
    const name = spec.split(/[<>=]/)[0] ?? spec;
    return ceiling && spec.includes(">=")
      ? [[spec, `${name}${ceiling.slice(ceiling.indexOf("<"))}`]]
      : [];
  }),
);
