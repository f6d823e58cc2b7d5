/*
 * The CLI edge says stages' messages in the chosen language: an error's message and hint
 * (thrown as catalog data deep in detect), lint findings and `pyship explain`; --json stays
 * English. `--lang` takes en, zh-CN, zh-TW and zh (= zh-CN); anything else is a usage error.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXIT_CODES } from "../../src/core/errors.js";
import { captureContext } from "../support/capture-context.js";

const BROKEN_PROCFILE = resolve(import.meta.dirname, "../fixtures/broken-procfile");

async function run(args: string[], cwd = process.cwd()) {
  const ctx = captureContext({ cwd });
  const code = await main(args, ctx);
  return { code, out: ctx.stdout.join("\n"), err: ctx.stderr.join("\n") };
}

function dockerfile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pyship-zh-"));
  writeFileSync(join(dir, "Dockerfile"), text);
  return dir;
}

describe("languages at the CLI edge", () => {
  it.each([
    ["en", "Procfile has no web: process (found worker:)", "hint: add a `web: <command>` line"],
    [
      "zh-CN",
      "[E_PARSE] 文件格式错误: Procfile:1: Procfile 中没有 web: 进程（只找到 worker:）",
      "提示: 添加一行",
    ],
    ["zh", "Procfile 中没有 web: 进程（只找到 worker:）", "提示: 添加一行"],
    [
      "zh-TW",
      "[E_PARSE] 檔案格式錯誤: Procfile:1: Procfile 中沒有 web: 行程（只找到 worker:）",
      "提示: 新增一行",
    ],
    ["zh_HK", "Procfile 中沒有 web: 行程", "映像檔要執行什麼"],
  ])("--lang %s says a detect error and its hint in that language", async (lang, message, hint) => {
    const { code, err } = await run(["--lang", lang, "plan", BROKEN_PROCFILE]);
    expect(code).toBe(EXIT_CODES.E_PARSE);
    expect(err).toContain(message);
    expect(err).toContain(hint);
  });

  it("refuses an unknown --lang with one line", async () => {
    const { code, err } = await run(["--lang", "fr", "plan", BROKEN_PROCFILE]);
    expect(code).toBe(EXIT_CODES.E_USAGE);
    expect(err).toContain('--lang must be en, zh-CN or zh-TW (zh means zh-CN), not "fr"');
  });

  it("lint findings in zh-TW, JSON in English", async () => {
    const dir = dockerfile("FROM python:3.12\nCOPY . .\nCMD python app.py\n");
    const text = await run(["--lang", "zh-TW", "lint", "Dockerfile"], dir);
    expect(text.out).toContain("`python:3.12` 是完整版 Python 映像檔");
    expect(text.out).toContain("shell 形式的 CMD");
    expect(text.out).toContain("建議: 改用 python:3.12-slim");
    const json = await run(["--lang", "zh-TW", "lint", "--format", "json", "Dockerfile"], dir);
    expect(json.out).toContain("is the full Python image");
    expect(json.out).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("explain in zh-CN and zh-TW", async () => {
    const cn = await run(["--lang", "zh-CN", "explain", "PY303"]);
    const tw = await run(["--lang", "zh-TW", "explain", "PY303"]);
    expect(cn.out).toContain("请使用 JSON（exec）形式");
    expect(tw.out).toContain("請使用 JSON（exec）形式");
  });
});
