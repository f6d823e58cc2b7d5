/*
 * Random mutations of the corpus Dockerfiles (seeded, so a failure reproduces): linting and
 * fixing must either succeed or fail with one E_LINT_INPUT error — never crash.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPyshipError } from "../../src/core/errors.js";
import { memoryContext } from "../../src/lint/build-context.js";
import { checkInput } from "../../src/lint/check-input.js";
import { fixDockerfile } from "../../src/lint/fix-dockerfile.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { CONTEXT_FILES, NOW } from "./lint-helpers.js";

const CORPUS = join(import.meta.dirname, "corpus");
const SEEDS = readdirSync(CORPUS).map((name) =>
  readFileSync(join(CORPUS, name, "Dockerfile"), "utf8"),
);
const PIECES = [
  "\\",
  "\n",
  "\\\n",
  '"',
  "'",
  "[",
  "]",
  "{",
  "}",
  "$",
  "${X",
  "<<EOF\n",
  "EOF",
  "#",
  "# syntax=x\n",
  "=",
  " ",
  "\t",
  "&&",
  ";",
  "|",
  "(",
  ")",
  "--mount=type=cache",
  "-",
  "\r\n",
  "\u0000",
  "é",
  "😀",
  "FROM ",
  "RUN ",
  "COPY . .",
  "CMD ",
  "ARG ",
  "AS ",
  "USER root\n",
  "ENV A",
  "EXPOSE $P",
  "HEALTHCHECK CMD ",
  "pip install ",
  "apt-get update",
  "# escape=`\n",
  "ONBUILD ",
  "SHELL [",
  "`",
];

/** mulberry32: tiny, seeded, good enough to pick mutations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  let result = text;
  const count = 1 + Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * (result.length + 1));
    const lines = result.split("\n");
    switch (Math.floor(next() * 6)) {
      case 0:
        result = result.slice(0, at) + pick(PIECES) + result.slice(at);
        break;
      case 1:
        result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 12));
        break;
      case 2:
        lines.splice(Math.floor(next() * lines.length), 0, pick(lines));
        result = lines.join("\n");
        break;
      case 3:
        lines.splice(Math.floor(next() * lines.length), 1);
        result = lines.join("\n");
        break;
      case 4:
        result = result.slice(0, at);
        break;
      default:
        result = lines.sort(() => next() - 0.5).join("\n");
    }
  }
  return result;
}

describe("lint never crashes on mutated Dockerfiles", () => {
  it("400 seeded mutations lint and fix, or fail with E_LINT_INPUT", () => {
    const next = random(20261122);
    const build = memoryContext(CONTEXT_FILES);
    let linted = 0;
    let rejected = 0;
    for (let i = 0; i < 400; i++) {
      const text = mutate(SEEDS[i % SEEDS.length] ?? "", next);
      // A hang guard per case, far above the ~15 ms a case takes even on a loaded machine: a
      // whole-run time limit failed whenever the machine was busy, which says nothing of lint.
      const started = Date.now();
      try {
        const checked = checkInput(new TextEncoder().encode(text), "Dockerfile");
        lintDockerfile(checked, { file: "Dockerfile", build, now: NOW });
        fixDockerfile(checked, { file: "Dockerfile", build, now: NOW });
        linted++;
      } catch (error) {
        if (!isPyshipError(error) || error.code !== "E_LINT_INPUT") {
          throw new Error(`crash on mutation ${i}:\n${text}\n${String((error as Error).stack)}`);
        }
        expect(error.message).not.toBe("");
        rejected++;
      }
      expect(Date.now() - started, `mutation ${i} took too long`).toBeLessThan(2000);
    }
    expect(linted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(10);
  });
});
