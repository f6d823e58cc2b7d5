import { describe, expect, it } from "vitest";
import { readTimeZone } from "../../src/core/time-zone.js";

describe("readTimeZone", () => {
  it.each([
    ["Asia/Shanghai", { kind: "zone" }],
    ["Asia/Taipei", { kind: "zone" }],
    ["Europe/Berlin", { kind: "zone" }],
    ["UTC", { kind: "zone" }],
    ["Etc/GMT-8", { kind: "zone" }],
    ["CST-8", { kind: "posix" }],
    ["EST5EDT", { kind: "zone" }],
    ["UTC+8", { kind: "offset", suggested: "Etc/GMT-8" }],
    ["GMT+08:00", { kind: "offset", suggested: "Etc/GMT-8" }],
    ["utc-5", { kind: "offset", suggested: "Etc/GMT+5" }],
    ["+08:00", { kind: "offset", suggested: "Etc/GMT-8" }],
    ["UTC+5:30", { kind: "offset", suggested: null }],
    ["UTC+0", { kind: "offset", suggested: "UTC" }],
    ["Asia/Beijing", { kind: "unknown" }],
    ["Beijing", { kind: "unknown" }],
  ])("%s → %o", (value, reading) => {
    expect(readTimeZone(value)).toStrictEqual(reading);
  });
});
