/*
 * A random key kept per user (~/.cache/pyship/secret-key, 0600): what the secret's hash
 * build argument is keyed with (index-secret.ts). Made on first use.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function machineKey(home: string): string {
  const dir = join(home, ".cache", "pyship");
  const file = join(dir, "secret-key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    const key = randomBytes(32).toString("hex");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
    return key;
  }
}
