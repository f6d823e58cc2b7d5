import { describe, expect, it } from "vitest";
import { commandText } from "../../src/core/command-text.js";

describe("commandText", () => {
  it.each([
    [["gunicorn", "app:app"], "gunicorn app:app"],
    [["python", "-c", "import os\nos._exit(0)"], "python -c import os …"],
    [
      ["/bin/sh", "-c", "set -e; exec gunicorn app:app"],
      "/bin/sh -c set -e; exec gunicorn app:app",
    ],
  ])("%j reads %s", (argv, text) => {
    expect(commandText(argv)).toBe(text);
  });
});
