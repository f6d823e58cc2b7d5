import { describe, expect, it } from "vitest";
import { PyshipError } from "../../src/core/errors.js";
import type { VerifyOptions } from "../../src/core/pipeline.js";
import { chooseMode } from "../../src/verify/choose-mode.js";
import type { ImageFacts } from "../../src/verify/inspect-image.js";

function facts(exposedPorts: number[], labels: Record<string, string> = {}): ImageFacts {
  return { exposedPorts, command: [], user: "", labels, sizeBytes: 1, venvRoots: ["/opt/venv"] };
}

describe("chooseMode", () => {
  it.each([
    ["an exposed port", facts([8000]), {}, { mode: "web", port: 8000 }],
    ["the lowest of several ports", facts([9000, 8080]), {}, { mode: "web", port: 8080 }],
    ["no port and no label", facts([]), {}, { mode: "observe", port: null }],
    [
      "the worker label",
      facts([], { "io.pyship.kind": "worker" }),
      {},
      { mode: "worker", port: null },
    ],
    [
      "the script label over an exposed port",
      facts([8000], { "io.pyship.kind": "script" }),
      {},
      { mode: "script", port: null },
    ],
    [
      "the web label and port label",
      facts([], { "io.pyship.kind": "web", "io.pyship.port": "8501" }),
      {},
      { mode: "web", port: 8501 },
    ],
    ["--port alone", facts([]), { port: 5000 }, { mode: "web", port: 5000 }],
    [
      "--mode over the label",
      facts([8000], { "io.pyship.kind": "web" }),
      { mode: "worker" },
      { mode: "worker", port: null },
    ],
    ["--port over the exposed port", facts([8000]), { port: 8080 }, { mode: "web", port: 8080 }],
  ] as [string, ImageFacts, VerifyOptions, object][])(
    "uses %s",
    (_label, image, options, expected) => {
      expect(chooseMode(image, options)).toEqual(expected);
    },
  );

  it("asks for --port when web is forced on an image without ports", () => {
    expect(() => chooseMode(facts([]), { mode: "web" })).toThrow(PyshipError);
  });
});
