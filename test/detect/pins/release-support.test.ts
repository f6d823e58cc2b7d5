import { describe, expect, it } from "vitest";
import { type IndexFile, releaseLimit } from "../../../src/detect/pins/release-support.js";

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
    ["nothing known", [], null],
  ])("%s", (_name, files, expected) => {
    expect(releaseLimit(files)).toEqual(expected);
  });
});
