/*
 * Debian packages Python distributions need: headers and a compiler to build from source
 * (builder stage only), shared libraries to run (final stage). Names are Debian bookworm's,
 * the base of the official python:*-slim images pyship targets. Packages that ship
 * manylinux wheels with everything inside (psycopg2-binary, lxml, numpy) need nothing and are
 * not listed.
 */
import type { Plan, ProjectFacts, Requirement } from "../core/pipeline.js";
import { because, type Message, msg } from "../i18n/message.js";
import type { Notes } from "./notes.js";

interface NativeNeed {
  readonly build: readonly string[];
  readonly runtime: readonly string[];
  readonly why: Message;
  /** Extras that make the package self-contained (e.g. psycopg[binary]). */
  readonly unlessExtra?: string;
}

/** libc6-dev is only a Recommends of gcc, and apt runs with --no-install-recommends. */
const COMPILER = ["gcc", "libc6-dev"] as const;

export const SYSTEM_PACKAGES: Readonly<Record<string, NativeNeed>> = {
  psycopg2: {
    build: [...COMPILER, "libpq-dev"],
    runtime: ["libpq5"],
    why: msg("apt.buildsAgainst", { library: "libpq" }),
  },
  psycopg: {
    build: [],
    runtime: ["libpq5"],
    why: msg("apt.loads", { library: "libpq" }),
    unlessExtra: "binary",
  },
  mysqlclient: {
    build: [...COMPILER, "pkg-config", "default-libmysqlclient-dev"],
    runtime: ["libmariadb3"],
    why: msg("apt.buildsAgainstMysql"),
  },
  "python-ldap": {
    build: [...COMPILER, "libldap2-dev", "libsasl2-dev"],
    runtime: ["libldap-2.5-0", "libsasl2-2"],
    why: msg("apt.buildsAgainst", { library: "OpenLDAP + SASL" }),
  },
  pycairo: {
    build: [...COMPILER, "pkg-config", "libcairo2-dev"],
    runtime: ["libcairo2"],
    why: msg("apt.buildsAgainst", { library: "cairo" }),
  },
  pygraphviz: {
    build: [...COMPILER, "libgraphviz-dev"],
    runtime: ["libcgraph6", "libgvc6"],
    why: msg("apt.buildsAgainst", { library: "graphviz" }),
  },
  pyaudio: {
    build: [...COMPILER, "portaudio19-dev"],
    runtime: ["libportaudio2"],
    why: msg("apt.buildsAgainst", { library: "PortAudio" }),
  },
  uwsgi: { build: [...COMPILER], runtime: [], why: msg("apt.compilesServer") },
  pyodbc: { build: [], runtime: ["libodbc2"], why: msg("apt.wheelsLoad", { library: "unixODBC" }) },
  "python-magic": {
    build: [],
    runtime: ["libmagic1"],
    why: msg("apt.loads", { library: "libmagic" }),
  },
  weasyprint: {
    build: [],
    runtime: ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"],
    why: msg("apt.loads", { library: "Pango + HarfBuzz" }),
  },
  "opencv-python": {
    build: [],
    runtime: ["libgl1", "libglib2.0-0"],
    why: msg("apt.wheelsLoad", { library: "libGL + GLib" }),
  },
};

export function planSystemPackages(facts: ProjectFacts, notes: Notes): Plan["systemPackages"] {
  const build = new Set<string>();
  const runtime = new Set<string>();
  for (const requirement of facts.dependencies.requirements) {
    const need = needOf(requirement);
    if (need === undefined) continue;
    for (const name of need.build) build.add(name);
    for (const name of need.runtime) runtime.add(name);
    const lists = [...need.build, ...need.runtime].join(" ");
    notes.evidence.push({
      ...requirement.evidence,
      ...because(msg("ev.apt.need", { name: requirement.name, why: need.why, lists })),
    });
  }
  const apt = facts.config.apt;
  if (apt !== undefined) {
    for (const name of apt.build) build.add(name);
    for (const name of apt.runtime) runtime.add(name);
    if (facts.config.source !== null && apt.build.length + apt.runtime.length > 0) {
      notes.evidence.push({ ...facts.config.source, ...because(msg("ev.config.apt")) });
    }
  }
  return { build: [...build].sort(), runtime: [...runtime].sort() };
}

function needOf(requirement: Requirement): NativeNeed | undefined {
  if (!Object.hasOwn(SYSTEM_PACKAGES, requirement.name)) return undefined;
  const need = SYSTEM_PACKAGES[requirement.name];
  if (need?.unlessExtra === undefined) return need;
  const extras = /\[([^\]]*)\]/.exec(requirement.spec)?.[1] ?? "";
  const names = extras.split(",").map((extra) => extra.trim().toLowerCase());
  return names.includes(need.unlessExtra) ? undefined : need;
}
