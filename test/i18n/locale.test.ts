import { describe, expect, it } from "vitest";
import { detectLocale, parseLocale } from "../../src/i18n/locale.js";

describe("parseLocale", () => {
  it.each([
    ["en", "en"],
    ["en_US.UTF-8", "en"],
    ["C", "en"],
    ["POSIX", "en"],
    ["zh", "zh-CN"],
    ["zh-CN", "zh-CN"],
    ["zh_CN.UTF-8", "zh-CN"],
    ["zh_CN.GB18030", "zh-CN"],
    ["zh_SG", "zh-CN"],
    ["zh-Hans", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh-TW", "zh-TW"],
    ["zh_TW.UTF-8", "zh-TW"],
    ["zh_HK.UTF-8", "zh-TW"],
    ["zh_MO", "zh-TW"],
    ["zh-Hant", "zh-TW"],
    ["zh-Hant-HK", "zh-TW"],
    ["fr_FR.UTF-8", null],
    ["zhx", null],
  ])("%s → %s", (tag, locale) => {
    expect(parseLocale(tag)).toBe(locale);
  });
});

describe("detectLocale", () => {
  it.each([
    [{}, "en"],
    [{ LANG: "zh_CN.UTF-8" }, "zh-CN"],
    [{ LANG: "zh_TW.UTF-8" }, "zh-TW"],
    [{ LANG: "zh_CN.UTF-8", LC_MESSAGES: "zh_HK.UTF-8" }, "zh-TW"],
    [{ LC_MESSAGES: "zh_HK.UTF-8", LC_ALL: "en_US.UTF-8" }, "en"],
    [{ LC_ALL: "zh_TW.UTF-8", LANGUAGE: "zh_CN:en" }, "zh-CN"],
    [{ LANGUAGE: "fr:zh_TW:en", LANG: "en_US.UTF-8" }, "zh-TW"],
    [{ LANGUAGE: "zh_TW", PYSHIP_LANG: "en" }, "en"],
    [{ PYSHIP_LANG: "zh" }, "zh-CN"],
    // the first variable set decides: a French LC_ALL means "not Chinese", whatever LANG says
    [{ LC_ALL: "fr_FR.UTF-8", LANG: "zh_CN.UTF-8" }, "en"],
    [{ LANGUAGE: "", LANG: "zh_TW.UTF-8" }, "zh-TW"],
  ])("%o → %s", (env, locale) => {
    expect(detectLocale(env)).toBe(locale);
  });
});
