import { describe, expect, it } from "vitest";
import { type Phase, repairForFailure } from "../../src/build/failure-repairs.js";

const TRACEBACK = (last: string) =>
  ["Traceback (most recent call last):", '  File "/app/main.py", line 1, in <module>', last].join(
    "\n",
  );

describe("repairForFailure: known signatures and their repairs", () => {
  it.each<[string, string, Phase, object | null]>([
    [
      "gunicorn < 21 on a venv without setuptools",
      TRACEBACK("ModuleNotFoundError: No module named 'pkg_resources'"),
      "run",
      { id: "setuptools-for-pkg-resources", packages: ["setuptools<82"] },
    ],
    [
      "Flask 2.2 meets Werkzeug 3",
      TRACEBACK(
        "ImportError: cannot import name 'url_quote' from 'werkzeug.urls' (/opt/venv/lib/python3.11/site-packages/werkzeug/urls.py)",
      ),
      "run",
      { id: "werkzeug-before-3", packages: ["werkzeug<3"] },
    ],
    [
      "gunicorn 26.2+'s gevent worker without its [gevent] extra",
      [
        "Traceback (most recent call last):",
        '  File "/opt/venv/lib/python3.13/site-packages/gunicorn/workers/ggevent.py", line 16, in <module>',
        "    from packaging.version import parse as parse_version",
        "ModuleNotFoundError: No module named 'packaging'",
      ].join("\n"),
      "run",
      { id: "packaging-for-gunicorn-gevent", packages: ["packaging"] },
    ],
    [
      "packaging missing anywhere else is the app's own list to fix",
      TRACEBACK("ModuleNotFoundError: No module named 'packaging'"),
      "run",
      null,
    ],
    [
      "the app imports distutils on 3.12+",
      TRACEBACK("ModuleNotFoundError: No module named 'distutils'"),
      "run",
      { id: "setuptools-for-distutils", packages: ["setuptools"] },
    ],
    [
      "a setup.py imports distutils while pip builds it",
      "  │ ModuleNotFoundError: No module named 'distutils.core'\n  │ error: subprocess-exited-with-error",
      "build",
      { id: "python-with-distutils", packages: [], python: "3.11" },
    ],
    [
      "collections.Iterator, removed in 3.10",
      TRACEBACK(
        "ImportError: cannot import name 'Iterator' from 'collections' (/usr/local/lib/python3.13/collections/__init__.py)",
      ),
      "run",
      { id: "python-collections-aliases", packages: [], python: "3.9" },
    ],
    [
      "a 2015 setup.py imports cgi (bottle 0.12): the newest Python with every removed module",
      "  │     import cgi\n  │ ModuleNotFoundError: No module named 'cgi'\n  │ error: subprocess-exited-with-error",
      "build",
      { id: "python-with-cgi", packages: [], python: "3.11" },
    ],
    [
      "the app itself imports cgi: the last Python that has it",
      TRACEBACK("ModuleNotFoundError: No module named 'cgi'"),
      "run",
      { id: "python-with-cgi", packages: [], python: "3.12" },
    ],
    [
      "old code imports imp, removed in 3.12",
      TRACEBACK("ModuleNotFoundError: No module named 'imp'"),
      "run",
      { id: "python-with-imp", packages: [], python: "3.11" },
    ],
    [
      "bottle 0.12's setup.py imports inspect.getargspec, removed in 3.11",
      "  │   File \"/root/.cache/uv/sdists-v11/pypi/bottle/src/bottle.py\", line 44\n  │ ImportError: cannot import name 'getargspec' from 'inspect' (/usr/local/lib/python3.11/inspect.py)",
      "build",
      { id: "python-with-inspect.getargspec", packages: [], python: "3.10" },
    ],
    [
      "old setuptools reaches for pkgutil.ImpImporter, removed in 3.12",
      TRACEBACK(
        "AttributeError: module 'pkgutil' has no attribute 'ImpImporter'. Did you mean: 'zipimporter'?",
      ),
      "run",
      { id: "python-with-pkgutil.ImpImporter", packages: [], python: "3.11" },
    ],
    [
      "a module whose name only starts like a removed one is not repaired",
      TRACEBACK("ModuleNotFoundError: No module named 'cgi_tools'"),
      "run",
      null,
    ],
    [
      "psycopg2 without pg_config",
      "  │ Error: pg_config executable not found.\n  │ error: subprocess-exited-with-error",
      "build",
      { packages: [], apt: { build: ["libpq-dev", "gcc", "libc6-dev"], runtime: ["libpq5"] } },
    ],
    [
      "a missing header at run time is not a build failure",
      "pg_config executable not found",
      "run",
      null,
    ],
    ["an unknown failure has no repair", TRACEBACK("KeyError: 'SECRET_KEY'"), "run", null],
  ])("%s", (_name, text, phase, expected) => {
    const repair = repairForFailure(text, phase);
    if (expected === null) return expect(repair).toBeNull();
    expect(repair).toMatchObject(expected);
  });

  it("the evidence is the line that showed the failure", () => {
    const repair = repairForFailure(
      TRACEBACK("ModuleNotFoundError: No module named 'pkg_resources'"),
      "run",
    );
    expect(repair?.evidence).toEqual({
      file: "(verify)",
      line: null,
      why: "ModuleNotFoundError: No module named 'pkg_resources'",
    });
  });
});
