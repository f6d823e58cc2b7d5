import { describe, expect, it } from "vitest";
import { EXIT_CODES, PyshipError } from "../../src/core/errors.js";

describe("PyshipError", () => {
  it("formats file and line as a location prefix", () => {
    const error = new PyshipError("E_PARSE", "invalid TOML", { file: "pyproject.toml", line: 3 });
    expect(error.location).toBe("pyproject.toml:3: ");
    expect(error.exitCode).toBe(EXIT_CODES.E_PARSE);
  });

  it("gives distinct exit codes to distinct user-facing failures", () => {
    // E_PATH_OUTSIDE shares E_IO's code and lint input shares the usage code, by design.
    const shared = new Set(["E_PATH_OUTSIDE", "E_LINT_INPUT"]);
    const codes = Object.entries(EXIT_CODES).filter(([name]) => !shared.has(name));
    const numbers = codes.map(([, code]) => code);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
