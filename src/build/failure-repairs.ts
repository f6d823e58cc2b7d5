/*
 * Failure signatures seen when an image is built (the build log) or run (verify's log tail),
 * each with the repair `pyship build` applies once before trying again. The signatures are
 * the last line of a Python traceback or a compiler's complaint: text a user would search for.
 * First match wins: module-level names before the broad native-build clue, because a build
 * log that fails on an import can also mention gcc.
 */
import { REPAIRS, type RepairSpec } from "../core/known-pins.js";
import type { Repair } from "../core/pipeline.js";
import { pinText } from "../detect/pins/pin-text.js";
import { because, isMessage, msg } from "../i18n/message.js";
import { knownFailure } from "./known-failures.js";

/** Where the text comes from: a failed build, or an image that built but failed verify. */
export type Phase = "build" | "run";

interface Signature {
  readonly pattern: RegExp;
  /** Only where the failure means this (distutils at build time is a setup.py's, not the app's). */
  readonly phase?: Phase;
  readonly repair: (match: RegExpExecArray, text: string) => Omit<Repair, "evidence"> | null;
}

/** A table's repair, its English reason said through the pins.* key with that text. */
const fixed = (spec: RepairSpec & { python?: string }) => () => {
  const text = pinText(spec.why);
  return isMessage(text) ? { ...spec, text } : spec;
};

/**
 * Standard-library modules and the Python minor that removed them (PEP 594 in 3.13; imp,
 * asynchat, asyncore and smtpd in 3.12). distutils has its own rows: setuptools replaces it.
 */
const REMOVED_MODULES: Readonly<Record<string, string>> = {
  ...removedIn(
    "3.13",
    "aifc audioop cgi cgitb chunk crypt imghdr mailcap msilib nis nntplib ossaudiodev pipes sndhdr spwd sunau telnetlib uu xdrlib",
  ),
  ...removedIn("3.12", "imp asynchat asyncore smtpd"),
};

function removedIn(minor: string, names: string): Record<string, string> {
  return Object.fromEntries(names.split(" ").map((name) => [name, minor]));
}

function removedModuleRepair(name: string, building: boolean): Omit<Repair, "evidence"> {
  const removed = REMOVED_MODULES[name] ?? "3.13";
  const oldest = Object.values(REMOVED_MODULES).reduce((a, b) =>
    minorOf(a) <= minorOf(b) ? a : b,
  );
  const python = previousMinor(building ? oldest : removed);
  const also = building && python !== previousMinor(removed);
  return {
    id: `python-with-${name}`,
    packages: [],
    python,
    ...because(
      also
        ? msg("repair.removedModuleOld", { name, removed, oldest })
        : msg("repair.removedModule", { name, removed }),
    ),
  };
}

const minorOf = (minor: string) => Number(minor.split(".")[1] ?? 0);

/**
 * Standard-library names removed while their module stayed, with the minor that removed them:
 * old code and old sdists' setup.py import them (`from inspect import getargspec`, bottle
 * 0.12) or reach for them (`pkgutil.ImpImporter`, setuptools before 66).
 */
const REMOVED_NAMES: Readonly<Record<string, string>> = {
  "inspect.getargspec": "3.11",
  "inspect.formatargspec": "3.11",
  "asyncio.coroutine": "3.11",
  "pkgutil.ImpImporter": "3.12",
  "configparser.SafeConfigParser": "3.12",
  "unittest.makeSuite": "3.13",
};

const REMOVED_NAME = new RegExp(
  Object.keys(REMOVED_NAMES)
    .map((dotted) => {
      const [module, name] = dotted.split(".");
      return `cannot import name '${name}' from '${module}'|module '${module}' has no attribute '${name}'`;
    })
    .join("|"),
);

/** The removed name a REMOVED_NAME match is about, as `module.name`. */
function removedNameOf(text: string): string {
  const [, name, module] = /cannot import name '(\w+)' from '(\w+)'/.exec(text) ?? [];
  const [, module2, name2] = /module '(\w+)' has no attribute '(\w+)'/.exec(text) ?? [];
  return name && module ? `${module}.${name}` : `${module2}.${name2}`;
}

function removedNameRepair(dotted: string): Omit<Repair, "evidence"> {
  const removed = REMOVED_NAMES[dotted] ?? "3.13";
  return {
    id: `python-with-${dotted}`,
    packages: [],
    python: previousMinor(removed),
    ...because(msg("repair.removedName", { name: dotted, removed })),
  };
}

const REMOVED_MODULE = new RegExp(
  `No module named '?(${Object.keys(REMOVED_MODULES).join("|")})'?(?![\\w.])`,
);

/** "3.13" → "3.12". */
function previousMinor(minor: string): string {
  const [major = "3", rest = "0"] = minor.split(".");
  return `${major}.${Number(rest) - 1}`;
}

export const FAILURE_REPAIRS: readonly Signature[] = [
  { pattern: /No module named '?pkg_resources'?/, repair: fixed(REPAIRS.pkgResources) },
  {
    pattern: /cannot import name '?url_quote'? from '?werkzeug\.urls'?/,
    repair: fixed(REPAIRS.werkzeugUrlQuote),
  },
  {
    // gunicorn 26.2 moved packaging into its [gevent] extra, and the gevent worker still
    // imports it: `gunicorn` and `gevent` listed apart (not `gunicorn[gevent]`) miss it.
    pattern: /No module named '?packaging'?(?![\w.])/,
    phase: "run",
    repair: (_match, text) =>
      text.includes("gunicorn/workers/ggevent.py")
        ? {
            id: "packaging-for-gunicorn-gevent",
            packages: ["packaging"],
            ...because(msg("repair.gunicornGevent")),
          }
        : null,
  },
  {
    // The app (or a library it imports) uses distutils: setuptools ships a stand-in for it.
    pattern: /No module named '?distutils(?:\.\w+)*'?/,
    phase: "run",
    repair: () => ({
      id: "setuptools-for-distutils",
      packages: ["setuptools"],
      ...because(msg("repair.distutilsRun")),
    }),
  },
  {
    // A package's setup.py needs distutils while it builds: only an older Python has it.
    pattern: /No module named '?distutils(?:\.\w+)*'?/,
    phase: "build",
    repair: () => ({
      id: "python-with-distutils",
      packages: [],
      python: "3.11",
      ...because(msg("repair.distutilsBuild")),
    }),
  },
  {
    // PEP 594's dead batteries and the other removals: old code needs the last Python that
    // still has the module.
    pattern: REMOVED_MODULE,
    phase: "run",
    repair: (match) => removedModuleRepair(match[1] ?? "", false),
  },
  {
    // The same while pip builds an sdist: the repair runs once, so an old setup.py gets the
    // newest Python with every module of the table (bottle 0.12's imports cgi, removed in
    // 3.13, and then imp, removed in 3.12: a one-Python-at-a-time repair stops at the second).
    pattern: REMOVED_MODULE,
    phase: "build",
    repair: (match) => removedModuleRepair(match[1] ?? "", true),
  },
  {
    // setuptools 46 removed Feature; a 2017 setup.py (MarkupSafe 1.0) imports it while pip or
    // uv builds the sdist in an isolated environment that gets today's setuptools.
    pattern: /cannot import name '?Feature'? from '?setuptools'?/,
    phase: "build",
    repair: () => ({ ...REPAIRS.setuptoolsFeature, ...because(msg("repair.setuptoolsFeature")) }),
  },
  {
    // A name the standard library dropped (inspect.getargspec in 3.11): run time or build.
    pattern: REMOVED_NAME,
    repair: (match) => removedNameRepair(removedNameOf(match[0])),
  },
  {
    pattern: /cannot import name '?(\w+)'? from '?collections'?/,
    repair: (match) => ({
      id: "python-collections-aliases",
      packages: [],
      python: "3.9",
      ...because(msg("repair.collections", { name: match[1] ?? "" })),
    }),
  },
  {
    pattern:
      /fatal error: [\w./+-]+\.h: No such file|pg_config executable not found|mysql_config not found|gcc: not found|unable to execute '[^']*gcc'/,
    phase: "build",
    repair: (_match, text) => {
      const found = knownFailure(text)?.packages;
      if (!found || found.build.length === 0) return null;
      const packages = { build: withCompiler(found.build), runtime: found.runtime };
      return {
        id: `system-packages:${packages.build.join(",")}`,
        packages: [],
        apt: packages,
        ...because(msg("repair.native", { packages: packages.build.join(" ") })),
      };
    },
  },
];

/** A header alone doesn't compile: the builder needs a compiler too (libc6-dev is only a Recommends of gcc). */
function withCompiler(build: readonly string[]): readonly string[] {
  const compiles = build.some((name) => name === "build-essential" || name === "gcc");
  return compiles ? build : [...build, "gcc", "libc6-dev"];
}

/** The repair for the first known signature in `text`, with the line that showed it. */
export function repairForFailure(text: string, phase: Phase): Repair | null {
  for (const signature of FAILURE_REPAIRS) {
    if (signature.phase !== undefined && signature.phase !== phase) continue;
    const match = signature.pattern.exec(text);
    const repair = match ? signature.repair(match, text) : null;
    if (match && repair) return { ...repair, evidence: evidenceOf(match, text, phase) };
  }
  return null;
}

function evidenceOf(match: RegExpExecArray, text: string, phase: Phase) {
  const start = text.lastIndexOf("\n", match.index) + 1;
  const end = text.indexOf("\n", match.index);
  const line = text
    .slice(start, end === -1 ? undefined : end)
    .replace(/^\s*│\s?/, "")
    .trim();
  return { file: phase === "build" ? "(build log)" : "(verify)", line: null, why: line };
}
