/*
 * The Python minors pyship generates images for, and the default when a project says nothing.
 *
 * The list is every minor that still has official `python:<minor>-slim` images (3.6+).
 * Minors past upstream end-of-life stay on it because old projects pin them (runtime.txt,
 * .python-version, Pipfile) or their pins need them (Django 1.10 on 3.6), and an image that
 * runs beats a refusal; detection picks the NEWEST minor a range allows, so an end-of-life
 * minor is only chosen when a project demands it. 3.6 and 3.7 install with pip run from
 * inside the venv (OWN_PIP): their images' pip has no `--python`, and uv cannot target them.
 *
 * The default is 3.13, not the newest: it is the newest minor for which nearly every native
 * package on PyPI ships manylinux wheels, so a project with no stated version installs
 * without compilers. Raise it when the newest minor's wheel coverage catches up.
 */

/** Oldest first. */
export const SUPPORTED_PYTHON_MINORS = [
  "3.6",
  "3.7",
  "3.8",
  "3.9",
  "3.10",
  "3.11",
  "3.12",
  "3.13",
  "3.14",
] as const;

export const DEFAULT_PYTHON = "3.13";

export function isSupportedPython(minor: string): boolean {
  return (SUPPORTED_PYTHON_MINORS as readonly string[]).includes(minor);
}

/** The supported minor closest to `minor` ("3.5" → "3.6", "3.15" → "3.14"). */
export function nearestSupportedPython(minor: string): string {
  const wanted = minorNumber(minor);
  let best: string = DEFAULT_PYTHON;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of SUPPORTED_PYTHON_MINORS) {
    const distance = Math.abs(minorNumber(candidate) - wanted);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function minorNumber(version: string): number {
  const [major = "0", minor = "0"] = version.split(".");
  return Number(major) * 100 + Number(minor);
}

/**
 * Minors whose venv gets a pip of its own, upgraded to the last release that supports them
 * (ensurepip's 18.1 on 3.6 knows no manylinux2010 wheels): the base image's pip cannot aim at
 * another interpreter before 22.3, and uv does not install into them.
 */
export const OWN_PIP: Readonly<Record<string, string>> = {
  "3.6": "pip<22",
  "3.7": "pip<24.1",
};
