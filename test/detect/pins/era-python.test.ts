import { maxSatisfying } from "@renovatebot/pep440";
import { describe, expect, it } from "vitest";
import type { ProjectFacts } from "../../../src/core/pipeline.js";
import { withEraPython } from "../../../src/detect/pins/era-python.js";
import type { PackageIndex } from "../../../src/detect/pins/package-index.js";
import type { IndexFile } from "../../../src/detect/pins/release-support.js";
import { at, makeFacts, requirement } from "../../plan/make-facts.js";

const NOTHING_DECLARED: ProjectFacts["python"] = {
  version: "3.13",
  constraint: null,
  evidence: at(".", null, "no Python version stated; pyship's default 3.13"),
};

/** An index that knows the given releases (name==version → files); every other is unknown. */
function fakeIndex(releases: Record<string, IndexFile[]>): PackageIndex & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    releaseFiles: (name, version) => {
      asked.push(`${name}==${version}`);
      return Promise.resolve(releases[`${name}==${version}`] ?? []);
    },
  };
}
const offline: PackageIndex = { releaseFiles: () => Promise.resolve(null) };

const wheel = (filename: string, requiresPython: string | null, uploadTime: string): IndexFile => ({
  filename,
  requiresPython,
  uploadTime,
});

const INDEX = fakeIndex({
  "flask==2.2.3": [wheel("Flask-2.2.3-py3-none-any.whl", ">=3.7", "2023-02-15T00:00:00Z")],
  "numpy==1.21.0": [
    wheel("numpy-1.21.0-cp38-cp38-manylinux_2_12_x86_64.whl", ">=3.7", "2021-06-22T00:00:00Z"),
    wheel("numpy-1.21.0-cp39-cp39-manylinux_2_12_x86_64.whl", ">=3.7", "2021-06-22T00:00:00Z"),
  ],
  "django==1.10.8": [wheel("Django-1.10.8-py2.py3-none-any.whl", null, "2017-09-05T00:00:00Z")],
  "django==5.1.2": [wheel("Django-5.1.2-py3-none-any.whl", ">=3.10", "2024-10-08T00:00:00Z")],
  "oldlib==1.0": [wheel("oldlib-1.0-py3-none-any.whl", null, "2019-01-10T00:00:00Z")],
  "olderlib==0.3": [wheel("olderlib-0.3-py3-none-any.whl", null, "2016-05-02T00:00:00Z")],
  "dj-database-url==0.5.0": [
    wheel("dj_database_url-0.5.0-py2.py3-none-any.whl", null, "2018-03-01T00:00:00Z"),
  ],
  "django==4.0.3": [wheel("Django-4.0.3-py3-none-any.whl", ">=3.8", "2022-03-01T00:00:00Z")],
  "psycopg2-binary==2.9.3": [
    wheel(
      "psycopg2_binary-2.9.3-cp39-cp39-manylinux_2_17_x86_64.whl",
      ">=3.6",
      "2021-12-29T00:00:00Z",
    ),
    wheel(
      "psycopg2_binary-2.9.3-cp310-cp310-manylinux_2_17_x86_64.whl",
      ">=3.6",
      "2021-12-29T00:00:00Z",
    ),
  ],
  "backports.zoneinfo==0.2.1": [
    wheel(
      "backports.zoneinfo-0.2.1-cp38-cp38-manylinux1_x86_64.whl",
      ">=3.6",
      "2020-06-16T00:00:00Z",
    ),
  ],
  "pydantic-core==2.14.6": [
    wheel(
      "pydantic_core-2.14.6-cp311-cp311-manylinux_2_17_x86_64.whl",
      ">=3.7",
      "2023-12-21T00:00:00Z",
    ),
    wheel(
      "pydantic_core-2.14.6-cp312-cp312-manylinux_2_17_x86_64.whl",
      ">=3.7",
      "2023-12-21T00:00:00Z",
    ),
  ],
});

const pinned = (...specs: string[]) =>
  specs.map((spec, i) =>
    requirement(spec.split("=")[0]?.toLowerCase() ?? spec, spec, "requirements.txt", i + 1),
  );

describe("withEraPython: the newest Python every pinned release supports", () => {
  it("reads the releases a lock pins too: a compiled dependency without cp313 wheels", async () => {
    const resolved = {
      lines: [
        "fastapi==0.104.1 --hash=sha256:ab",
        'pydantic-core==2.14.6 ; python_version >= "3.7" --hash=sha256:cd',
      ],
      source: { file: "uv.lock", sha256: "00" },
      hashed: true,
    };
    const facts = await withEraPython(
      makeFacts({
        python: NOTHING_DECLARED,
        requirements: [],
        install: { strategy: "uv-lock", resolved },
      }),
      INDEX,
    );
    expect(facts.python.version).toBe("3.12");
    expect(facts.python.evidence).toMatchObject({ file: "uv.lock", line: null });
    expect(facts.python.evidence.why).toContain("pydantic-core==2.14.6 wheels only up to cp312");
  });

  it.each([
    [
      "seed 003: gunicorn 20.1 imports pkg_resources (known fact)",
      pinned("Flask==2.2.3", "gunicorn==20.1.0"),
      {
        version: "3.11",
        file: "requirements.txt",
        line: 2,
        why: "gunicorn==20.1.0 imports pkg_resources, supported up to 3.11",
      },
    ],
    [
      "numpy 1.21 ships wheels up to cp39 (index metadata)",
      pinned("numpy==1.21.0", "flask==2.2.3"),
      {
        version: "3.9",
        file: "requirements.txt",
        line: 1,
        why: "numpy==1.21.0 wheels only up to cp39",
      },
    ],
    [
      "a pure release dates nothing older than the newest pin beside it (djangox: Django 5.1.2 of 2024-10-08)",
      pinned("oldlib==1.0", "Django==5.1.2"),
      { version: "3.13", file: ".", line: null, why: "no Python version stated" },
    ],
    [
      "a 2022 project: pure dj-database-url 0.5.0 of 2018 no longer drags Django 4.0.3 to its floor (3.8)",
      pinned(
        "dj-database-url==0.5.0",
        "Django==4.0.3",
        "psycopg2-binary==2.9.3",
        'backports.zoneinfo==0.2.1;python_version<"3.9"',
      ),
      {
        version: "3.10",
        file: "requirements.txt",
        line: 2,
        why: "Django 3.2/4.0 support up to 3.10",
      },
    ],
    [
      "pure releases only: the newest one's upload day dates the project (2019 → 3.7)",
      pinned("oldlib==1.0", "olderlib==0.3"),
      { version: "3.7", file: "requirements.txt", line: 1, why: "released 2019-01-10" },
    ],
    [
      "a pin kept to older Pythons by its marker says nothing of the era (backports.zoneinfo: cp38 only)",
      pinned('backports.zoneinfo==0.2.1;python_version<"3.9"', "flask==2.2.3"),
      { version: "3.13", file: ".", line: null, why: "no Python version stated" },
    ],
    [
      "nothing limits the pins: pyship's default",
      pinned("flask==2.2.3", "requests>=2"),
      { version: "3.13", file: ".", line: null, why: "no Python version stated" },
    ],
  ])("%s", async (_name, requirements, expected) => {
    const facts = await withEraPython(makeFacts({ python: NOTHING_DECLARED, requirements }), INDEX);
    expect(facts.python.version).toBe(expected.version);
    expect(facts.python.evidence).toMatchObject({ file: expected.file, line: expected.line });
    expect(facts.python.evidence.why).toContain(expected.why);
    expect(facts.python.constraint).toBeNull();
    expect(facts.warnings).toEqual([]);
  });

  it.each([
    ["Django==1.10.8", "3.6"],
    ["Django==1.11.29", "3.7"],
  ])("%s runs on the Python of its era: %s (pip from inside the venv)", async (pin, version) => {
    const facts = await withEraPython(
      makeFacts({ python: NOTHING_DECLARED, requirements: pinned(pin) }),
      INDEX,
    );
    expect(facts.python.version).toBe(version);
    expect(facts.warnings).toEqual([]);
  });

  // chatgpt-on-wechat: `aiohttp>=3.8.6,<3.10` installs 3.9.5, whose wheels stop at cp312.
  it.each([
    ["aiohttp>=3.8.6,<3.10", "3.12", "aiohttp>=3.8.6,<3.10 → 3.9.5"],
    ["aiohttp~=3.9.0", "3.12", "aiohttp~=3.9.0 → 3.9.5"],
    ["aiohttp==3.9.*", "3.12", "aiohttp==3.9.* → 3.9.5"],
    ["aiohttp>=3.8.6", "3.13", null],
  ])(
    "%s: the newest release inside an upper bound limits the era (%s)",
    async (spec, version, why) => {
      const releases = {
        "aiohttp==3.9.5": [
          wheel(
            "aiohttp-3.9.5-cp311-cp311-manylinux_2_17_x86_64.whl",
            ">=3.8",
            "2024-04-16T00:00:00Z",
          ),
          wheel(
            "aiohttp-3.9.5-cp312-cp312-manylinux_2_17_x86_64.whl",
            ">=3.8",
            "2024-04-16T00:00:00Z",
          ),
        ],
      };
      const index = {
        ...fakeIndex(releases),
        newestMatching: (_name: string, range: string) =>
          Promise.resolve(maxSatisfying(["3.8.6", "3.9.5", "3.10.11"], range)),
      };
      const requirements = [requirement("aiohttp", spec, "requirements.txt", 1)];
      const facts = await withEraPython(
        makeFacts({ python: NOTHING_DECLARED, requirements }),
        index,
      );
      expect(facts.python.version).toBe(version);
      if (why) expect(facts.python.evidence.why).toContain(why);
    },
  );

  it("a stated Python version wins: the index is not even asked", async () => {
    const index = fakeIndex({});
    const declared = {
      version: "3.12",
      constraint: "3.12",
      evidence: at(".python-version", 1, "pins 3.12"),
    };
    const facts = makeFacts({ python: declared, requirements: pinned("gunicorn==20.1.0") });
    expect(await withEraPython(facts, index)).toBe(facts);
    expect(index.asked).toEqual([]);
  });

  it("offline: the known facts still apply, and a warning says what went unchecked", async () => {
    const facts = await withEraPython(
      makeFacts({ python: NOTHING_DECLARED, requirements: pinned("gunicorn==20.1.0") }),
      offline,
    );
    expect(facts.python.version).toBe("3.11");
    expect(facts.warnings.map((w) => w.code)).toEqual(["W_INDEX_OFFLINE"]);
  });

  it("looks every pin up at once, not one after another", async () => {
    let inFlight = 0;
    let most = 0;
    const slow: PackageIndex = {
      releaseFiles: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((done) => setTimeout(done, 20));
        inFlight -= 1;
        return [];
      },
    };
    const requirements = pinned("a==1", "b==1", "c==1", "d==1");
    await withEraPython(makeFacts({ python: NOTHING_DECLARED, requirements }), slow);
    expect(most).toBe(4);
  });
});

describe("withEraPython: a declared range and the files a lock lists", () => {
  const linux = (name: string, minor: string) =>
    wheel(`${name}-cp${minor}-cp${minor}-manylinux_2_17_x86_64.whl`, null, "2024-01-01T00:00:00Z");
  /** A uv.lock pinning httptools 0.6.1 (Linux wheels cp310–cp312) and a pure Starlette. */
  function lockedProject(ranges: readonly string[] | undefined, constraint: string) {
    const base = makeFacts({
      python: {
        version: "3.13",
        constraint,
        ...(ranges ? { ranges } : {}),
        evidence: at("pyproject.toml", 4, `requires-python ${constraint} allows 3.13`),
      },
      requirements: [],
      install: {
        strategy: "uv-lock",
        resolved: {
          lines: ["httptools==0.6.1 --hash=sha256:aa", "starlette==0.37.2 --hash=sha256:bb"],
          source: { file: "uv.lock", sha256: "00" },
          hashed: true,
        },
      },
    });
    const lockedFiles = [
      {
        name: "httptools",
        version: "0.6.1",
        files: [
          linux("httptools-0.6.1", "310"),
          linux("httptools-0.6.1", "311"),
          linux("httptools-0.6.1", "312"),
          wheel("httptools-0.6.1-cp313-cp313-win_amd64.whl", null, "2024-01-01T00:00:00Z"),
          wheel("httptools-0.6.1.tar.gz", null, "2024-01-01T00:00:00Z"),
        ],
      },
      {
        name: "starlette",
        version: "0.37.2",
        files: [wheel("starlette-0.37.2-py3-none-any.whl", null, "2019-01-01T00:00:00Z")],
      },
    ];
    return { ...base, dependencies: { ...base.dependencies, lockedFiles } };
  }

  it("picks within requires-python from the lock's wheels, without asking the index", async () => {
    const index = fakeIndex({});
    const facts = await withEraPython(lockedProject([">=3.11"], ">=3.11"), index);
    expect(facts.python).toMatchObject({ version: "3.12", constraint: ">=3.11" });
    expect(facts.python.evidence.why).toContain(
      "httptools==0.6.1 wheels only up to cp312 (the files the lock lists)",
    );
    expect(facts.python.evidence.why).toContain("within >=3.11");
    // A Windows cp313 wheel says nothing about the Debian image; an old pure wheel's upload
    // date says nothing either when the lock does not record Requires-Python.
    expect(index.asked).toEqual([]);
    expect(facts.dependencies.sourceBuilds).toBeUndefined();
    expect(facts.warnings).toEqual([]);
  });

  it("never leaves the range: below its floor the oldest allowed minor, compiled from source", async () => {
    const facts = await withEraPython(lockedProject([">=3.13"], ">=3.13"), fakeIndex({}));
    expect(facts.python.version).toBe("3.13");
    expect(facts.warnings).toEqual([
      expect.objectContaining({ code: "W_PYTHON_ERA", file: "uv.lock" }),
    ]);
    expect(facts.dependencies.sourceBuilds).toEqual([
      expect.objectContaining({ name: "httptools", version: "0.6.1" }),
    ]);
  });

  it("a pinned Python (.python-version) is kept", async () => {
    const facts = lockedProject(undefined, "3.13");
    expect(await withEraPython(facts, fakeIndex({}))).toBe(facts);
  });
});
