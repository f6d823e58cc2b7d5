/*
 * The package indexes a project declares for its own tool: Poetry's [[tool.poetry.source]],
 * uv's [[tool.uv.index]] / [tool.uv] index-url (pyproject.toml or uv.toml), PDM's
 * [[tool.pdm.source]] and Pipfile's [[source]]. Translated into pip's terms (one index-url
 * replacing PyPI, extra indexes beside it) for the installer the image runs, each with the
 * file and line it came from. Used where the machine's pip settings say nothing
 * (mergeIndexSettings): what the user configured on purpose wins over the project's default.
 */
import type { Evidence, IndexSettings } from "../core/pipeline.js";
import { asTable, type Table } from "./deps/pyproject.js";
import type { ProjectFiles } from "./project-files.js";

interface Source {
  readonly url: string;
  /** Replaces PyPI (pip's index-url) rather than sitting beside it. */
  readonly replaces: boolean;
  readonly evidence: Evidence;
}

type Reader = (files: ProjectFiles) => Source[];

const tables = (value: unknown): Table[] =>
  Array.isArray(value) ? value.map(asTable).filter((t): t is Table => t !== undefined) : [];

function evidenceFor(files: ProjectFiles, file: string, url: string, why: string): Evidence {
  const index = files
    .read(file)
    .split(/\r?\n/)
    .findIndex((line) => line.includes(url));
  return { file, line: index < 0 ? null : index + 1, why: `${why} ${url}` };
}

/** Each tool's table: which entries replace PyPI, per the tool's own rules. */
const READERS: readonly Reader[] = [
  // Poetry: "primary"/"default" sources replace PyPI; "supplemental" sit beside; "explicit" only for named packages.
  (files) => {
    const poetry = asTable(asTable(pyproject(files)?.tool)?.poetry);
    return tables(poetry?.source)
      .filter((s) => typeof s.url === "string" && s.priority !== "explicit")
      .map((s) => ({
        url: s.url as string,
        replaces: s.priority === undefined || s.priority === "primary" || s.priority === "default",
        evidence: evidenceFor(files, "pyproject.toml", s.url as string, "[[tool.poetry.source]]"),
      }));
  },
  // uv: [[tool.uv.index]] entries are extra indexes unless `default = true`; the older index-url keys too.
  (files) => {
    const found: Source[] = [];
    for (const [file, uv] of uvTables(files)) {
      for (const entry of tables(uv.index).filter(
        (e) => typeof e.url === "string" && e.explicit !== true,
      ))
        found.push({
          url: entry.url as string,
          replaces: entry.default === true,
          evidence: evidenceFor(files, file, entry.url as string, "uv index"),
        });
      if (typeof uv["index-url"] === "string")
        found.push({
          url: uv["index-url"],
          replaces: true,
          evidence: evidenceFor(files, file, uv["index-url"], "uv index-url"),
        });
      for (const url of Array.isArray(uv["extra-index-url"]) ? uv["extra-index-url"] : [])
        if (typeof url === "string")
          found.push({
            url,
            replaces: false,
            evidence: evidenceFor(files, file, url, "uv extra-index-url"),
          });
    }
    return found;
  },
  // PDM: a source named "pypi" replaces PyPI; the others are searched beside it.
  (files) => {
    const pdm = asTable(asTable(pyproject(files)?.tool)?.pdm);
    return tables(pdm?.source)
      .filter((s) => typeof s.url === "string" && s.type !== "find_links")
      .map((s) => ({
        url: s.url as string,
        replaces: s.name === "pypi",
        evidence: evidenceFor(files, "pyproject.toml", s.url as string, "[[tool.pdm.source]]"),
      }));
  },
  // Pipfile: the first [[source]] is where pipenv installs from, the others beside it.
  (files) => {
    if (!files.has("Pipfile")) return [];
    return tables(files.toml("Pipfile").source)
      .filter((s) => typeof s.url === "string")
      .map((s, i) => ({
        url: s.url as string,
        replaces: i === 0,
        evidence: evidenceFor(files, "Pipfile", s.url as string, "Pipfile [[source]]"),
      }));
  },
];

function pyproject(files: ProjectFiles): Table | undefined {
  return files.has("pyproject.toml") ? files.toml("pyproject.toml") : undefined;
}

function uvTables(files: ProjectFiles): Array<[string, Table]> {
  const inPyproject = asTable(asTable(pyproject(files)?.tool)?.uv);
  const uvToml = files.has("uv.toml") ? files.toml("uv.toml") : undefined;
  return [
    ...(uvToml ? [["uv.toml", uvToml] as [string, Table]] : []),
    ...(inPyproject ? [["pyproject.toml", inPyproject] as [string, Table]] : []),
  ];
}

const PYPI = /^https?:\/\/(pypi\.org|pypi\.python\.org)\/simple\/?$/;

export function detectIndexSources(
  files: ProjectFiles,
): Pick<IndexSettings, "indexUrl" | "extraIndexUrls" | "evidence"> {
  // Credentials (or Pipfile's ${VAR} expansions) would end up in the Dockerfile: such a URL
  // is used only through pip's settings, where its credentials become a build secret.
  const sources = READERS.flatMap((read) => read(files)).filter(
    (s) => /^https?:\/\/[^/@\s]+(\/|$)/.test(s.url) && !s.url.includes("${"),
  );
  const main = sources.find((s) => s.replaces && !PYPI.test(s.url));
  const extra = sources.filter((s) => !s.replaces && !PYPI.test(s.url));
  const used = [...(main ? [main] : []), ...extra];
  return {
    indexUrl: main?.url ?? null,
    extraIndexUrls: [...new Set(extra.map((s) => s.url))],
    evidence: used.map((s) => s.evidence),
  };
}

/** The machine's settings, with the project's indexes where the machine sets none. */
export function mergeIndexSettings(
  machine: IndexSettings | undefined,
  project: ReturnType<typeof detectIndexSources>,
): IndexSettings | undefined {
  if (project.indexUrl === null && project.extraIndexUrls.length === 0) return machine;
  const base: IndexSettings = machine ?? {
    indexUrl: null,
    extraIndexUrls: [],
    trustedHosts: [],
    evidence: [],
    warnings: [],
  };
  const indexUrl = base.indexUrl ?? project.indexUrl;
  const extraIndexUrls =
    base.extraIndexUrls.length > 0 ? base.extraIndexUrls : project.extraIndexUrls;
  const evidence = project.evidence.filter(
    (e) => e.why.endsWith(indexUrl ?? "\0") || extraIndexUrls.some((url) => e.why.endsWith(url)),
  );
  return { ...base, indexUrl, extraIndexUrls, evidence: [...base.evidence, ...evidence] };
}
