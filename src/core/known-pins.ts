/*
 * What an index's metadata can't tell about old releases: the newest Python a pinned release
 * really runs on, and the package it silently relied on being there. Both are facts learned
 * from failures (the signatures are in src/build/known-failures.ts), written down so the plan
 * prevents them from the pins instead of failing first.
 *
 * Read by detection (the Python of the project's era) and by the plan (the repairs it adds).
 * Every row of a package applies whose `below` the pinned version is under, so a package's
 * rows may overlap; their order is only the order the plan lists them in.
 */

/** A repair the plan can add: extra packages installed after the project's own. */
export interface RepairSpec {
  readonly id: string;
  /** pip specs, installed after the project's requirements. */
  readonly packages: readonly string[];
  /** Constraints for the isolated environments sdists build in (not the app's install). */
  readonly buildConstraints?: readonly string[];
  readonly why: string;
}

/**
 * setuptools 82 dropped pkg_resources (checked on PyPI: 81.0.0 ships it, 82.0.0 does not).
 * Python ≤ 3.11 venvs made with pip had setuptools; pyship's venv has no pip, so none.
 */
export const REPAIRS = {
  pkgResources: {
    id: "setuptools-for-pkg-resources",
    packages: ["setuptools<82"],
    why: "setuptools dropped it in 82, and pyship's pip-less venv has no setuptools",
  },
  werkzeugUrlQuote: {
    id: "werkzeug-before-3",
    packages: ["werkzeug<3"],
    why: "Werkzeug 3.0 removed it",
  },
  setuptoolsFeature: {
    id: "build-setuptools-before-46",
    packages: [],
    buildConstraints: ["setuptools<46"],
    why: "setuptools 46 removed it",
  },
} as const satisfies Record<string, RepairSpec>;

export interface KnownPin {
  /** PEP 503 normalized name. */
  readonly name: string;
  /** Applies to pinned versions strictly below this one. */
  readonly below: string;
  /** Newest Python minor these releases run on, when metadata doesn't say. */
  readonly maxPython?: string;
  readonly repair?: RepairSpec;
  /** Unless the project pins this package itself (then its pin decides). */
  readonly unlessPinned?: string;
  readonly why: string;
}

/** Oldest facts first within a package; Django's rows follow its release notes' support tables. */
export const KNOWN_PINS: readonly KnownPin[] = [
  {
    name: "gunicorn",
    below: "21",
    maxPython: "3.11",
    repair: REPAIRS.pkgResources,
    why: "imports pkg_resources",
  },
  {
    name: "flask",
    below: "2.3",
    repair: REPAIRS.werkzeugUrlQuote,
    unlessPinned: "werkzeug",
    why: "imports url_quote from werkzeug.urls",
  },
  {
    name: "django",
    below: "1.11",
    maxPython: "3.6",
    why: "Django 1.10 and older run on Python up to 3.6 (3.8 refuses their model metaclass)",
  },
  {
    // 1.0 ships only an sdist; 1.1 dropped Feature (checked on PyPI: 1.1.0 has wheels).
    name: "markupsafe",
    below: "1.1",
    repair: REPAIRS.setuptoolsFeature,
    why: "imports setuptools.Feature in its setup.py",
  },
  { name: "django", below: "2.0", maxPython: "3.7", why: "Django 1.11 supports Python up to 3.7" },
  { name: "django", below: "2.2", maxPython: "3.7", why: "Django 2.0/2.1 support up to 3.7" },
  { name: "django", below: "3.2", maxPython: "3.9", why: "Django 2.2–3.1 support up to 3.9" },
  { name: "django", below: "4.1", maxPython: "3.10", why: "Django 3.2/4.0 support up to 3.10" },
  { name: "django", below: "4.2", maxPython: "3.11", why: "Django 4.1 supports up to 3.11" },
  { name: "django", below: "5.1", maxPython: "3.12", why: "Django 4.2/5.0 support up to 3.12" },
];
