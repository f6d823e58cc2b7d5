/*
 * The indexes a project declares for Poetry, uv, PDM and pipenv, in pip's terms, with file
 * and line; the machine's pip settings win where they say something; the tools' variables.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectIndexSettings } from "../../src/detect/index-settings.js";
import { detectIndexSources, mergeIndexSettings } from "../../src/detect/index-sources.js";
import { scanProject } from "../../src/detect/project-files.js";

function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "pyship-mirrors-sources-"));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return scanProject(root);
}

const CORP = "https://nexus.corp.example/repository/pypi/simple";
const EXTRA = "https://extra.corp.example/simple";
const head = '[project]\nname = "x"\nversion = "1"\n';

const CASES = [
  [
    "Poetry: a primary source replaces PyPI, a supplemental one sits beside, explicit is skipped",
    {
      "pyproject.toml": `${head}\n[[tool.poetry.source]]\nname = "corp"\nurl = "${CORP}"\npriority = "primary"\n\n[[tool.poetry.source]]\nname = "x"\nurl = "${EXTRA}"\npriority = "supplemental"\n\n[[tool.poetry.source]]\nname = "e"\nurl = "https://explicit.example/simple"\npriority = "explicit"\n`,
    },
    { indexUrl: CORP, extraIndexUrls: [EXTRA], lines: ["pyproject.toml:7", "pyproject.toml:12"] },
  ],
  [
    "uv: [[tool.uv.index]] default = true replaces PyPI, others are extra",
    {
      "pyproject.toml": `${head}\n[[tool.uv.index]]\nname = "extra"\nurl = "${EXTRA}"\n\n[[tool.uv.index]]\nname = "corp"\nurl = "${CORP}"\ndefault = true\n`,
    },
    { indexUrl: CORP, extraIndexUrls: [EXTRA], lines: ["pyproject.toml:11", "pyproject.toml:7"] },
  ],
  [
    "uv.toml: index-url",
    { "pyproject.toml": head, "uv.toml": `index-url = "${CORP}"\n` },
    { indexUrl: CORP, extraIndexUrls: [], lines: ["uv.toml:1"] },
  ],
  [
    "PDM: the source named pypi replaces PyPI",
    { "pyproject.toml": `${head}\n[[tool.pdm.source]]\nname = "pypi"\nurl = "${CORP}"\n` },
    { indexUrl: CORP, extraIndexUrls: [], lines: ["pyproject.toml:7"] },
  ],
  [
    "Pipfile: the first [[source]] (PyPI itself is not a setting), a URL with $VAR expansions left out",
    {
      Pipfile: `[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[[source]]\nurl = "https://\${USER}:\${TOKEN}@private.example/simple"\nname = "p"\n\n[packages]\nflask = "*"\n`,
    },
    { indexUrl: null, extraIndexUrls: [], lines: [] },
  ],
] as const;

describe("detectIndexSources", () => {
  it.each(CASES)("%s", (_name, files, expected) => {
    const found = detectIndexSources(project(files));
    expect(found.indexUrl).toBe(expected.indexUrl);
    expect(found.extraIndexUrls).toStrictEqual(expected.extraIndexUrls);
    expect(found.evidence.map((e) => `${e.file}:${e.line}`)).toStrictEqual(expected.lines);
  });

  it("lets the machine's pip settings win, and fills what they leave empty", () => {
    const machine = {
      indexUrl: "https://mirror.example/simple",
      extraIndexUrls: [],
      trustedHosts: [],
      evidence: [],
      warnings: [],
    };
    const merged = mergeIndexSettings(machine, {
      indexUrl: CORP,
      extraIndexUrls: [EXTRA],
      evidence: [],
    });
    expect(merged).toMatchObject({
      indexUrl: "https://mirror.example/simple",
      extraIndexUrls: [EXTRA],
    });
  });
});

describe("the tools' variables", () => {
  const host = (env: Record<string, string>) => ({
    env,
    platform: "linux" as const,
    home: "/h",
    readFile: () => null,
  });

  it.each([
    [{ UV_DEFAULT_INDEX: CORP }, CORP, []],
    [{ UV_INDEX_URL: CORP }, CORP, []],
    [{ PDM_PYPI_URL: CORP }, CORP, []],
    [
      { UV_INDEX: `corp=${EXTRA} https://b.example/simple` },
      null,
      [EXTRA, "https://b.example/simple"],
    ],
    [
      { UV_DEFAULT_INDEX: CORP, PIP_INDEX_URL: "https://pip-wins.example/simple" },
      "https://pip-wins.example/simple",
      [],
    ],
  ])("%o", (env, indexUrl, extra) => {
    const settings = detectIndexSettings(host(env));
    expect(settings.indexUrl).toBe(indexUrl);
    expect(settings.extraIndexUrls).toStrictEqual(extra);
  });
});
