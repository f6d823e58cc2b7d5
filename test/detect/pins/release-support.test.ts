import { describe, expect, it } from "vitest";
import {
  compilesOn,
  type IndexFile,
  lockedLimit,
  type ReleaseLimit,
  releaseLimit,
} from "../../../src/detect/pins/release-support.js";

const file = (
  filename: string,
  requiresPython: string | null = null,
  uploadTime = "2023-02-15T10:00:00Z",
): IndexFile => ({
  filename,
  requiresPython,
  uploadTime,
});

describe("releaseLimit: the newest Python one release supports", () => {
  it.each([
    [
      "no upper bound in Requires-Python, pure wheel",
      [file("flask-2.2.3-py3-none-any.whl", ">=3.7")],
      null,
    ],
    [
      "an upper bound in Requires-Python",
      [file("x-1.0.tar.gz", ">=3.6,<3.10")],
      { maxPython: "3.9", why: "Requires-Python >=3.6,<3.10" },
    ],
    [
      "only version-specific wheels: the newest cp tag",
      [
        file("numpy-1.21.0-cp38-cp38-manylinux_2_12_x86_64.whl", ">=3.7"),
        file("numpy-1.21.0-cp39-cp39-manylinux_2_12_x86_64.whl", ">=3.7"),
        file("numpy-1.21.0.zip", ">=3.7"),
      ],
      { maxPython: "3.9", why: "wheels only up to cp39" },
    ],
    [
      "an abi3 wheel installs on every later Python",
      [file("cryptography-3.4-cp36-abi3-manylinux2014_x86_64.whl", ">=3.6")],
      null,
    ],
    [
      "no Requires-Python, pure: the Python of its upload date",
      [file("Django-1.10.8-py2.py3-none-any.whl", null, "2017-09-05T12:00:00Z")],
      { maxPython: "3.6", why: "released 2017-09-05" },
    ],
    [
      "only Windows wheels (PyYAML 3.13): they say nothing of Linux, the upload date decides",
      [
        file("PyYAML-3.13-cp37-cp37m-win_amd64.whl", null),
        file("PyYAML-3.13.tar.gz", null, "2018-07-05T10:00:00Z"),
      ],
      { maxPython: "3.7", why: "released 2018-07-05" },
    ],
    [
      "Linux wheels stop earlier than macOS ones: the Linux ones count",
      [
        file("x-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", ">=3.8"),
        file("x-1.0-cp312-cp312-macosx_11_0_arm64.whl", ">=3.8"),
        file("x-1.0-cp312-cp312-musllinux_1_1_x86_64.whl", ">=3.8"),
      ],
      { maxPython: "3.11", why: "wheels only up to cp311" },
    ],
    ["nothing known", [], null],
  ])("%s", (_name, files, expected) => {
    expect(bare(releaseLimit(files))).toEqual(expected);
  });
});

/** A limit without its catalog message (`text`, the same as `why`). */
function bare(limit: ReleaseLimit | null) {
  return limit && { maxPython: limit.maxPython, why: limit.why };
}

describe("lockedLimit: a lock's files say nothing by their date", () => {
  it.each([
    [
      "a pure wheel uploaded in 2019",
      [file("six-1.12.0-py2.py3-none-any.whl", null, "2018-12-10T00:00:00Z")],
      null,
    ],
    [
      "compiled wheels up to cp312",
      [file("uvloop-0.20.0-cp312-cp312-manylinux_2_17_x86_64.whl", null)],
      { maxPython: "3.12", why: "wheels only up to cp312" },
    ],
  ])("%s", (_name, files, expected) => {
    expect(bare(lockedLimit(files))).toEqual(expected);
  });
});

describe("compilesOn: pip builds a release from source on this Python", () => {
  const httptools = [
    file("httptools-0.6.1-cp312-cp312-manylinux_2_17_x86_64.whl", ">=3.8"),
    file("httptools-0.6.1.tar.gz", ">=3.8"),
  ];
  it.each([
    ["Linux wheels for it", httptools, "3.12", false],
    ["no Linux wheel for it", httptools, "3.13", true],
    [
      "an abi3 wheel covers it",
      [file("c-1.0-cp37-abi3-manylinux2014_x86_64.whl", null)],
      "3.13",
      false,
    ],
    [
      "an sdist only (mostly pure Python): unknown, not flagged",
      [file("bottle-0.12.9.tar.gz", null)],
      "3.13",
      false,
    ],
  ])("%s", (_name, files, minor, expected) => {
    expect(compilesOn(files, minor)).toBe(expected);
  });
});
