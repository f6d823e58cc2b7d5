/*
 * `pyship compose` through the CLI: what it prints, and bad input as one clear line with a
 * distinct exit code (an unknown service, a compose.yaml that exists and differs).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCompose } from "../../src/cli/commands/compose.js";
import { main } from "../../src/cli/main.js";
import { captureContext } from "../support/capture-context.js";

function fixtureCopy(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `pyship-compose-cli-${name}-`));
  cpSync(new URL(`../fixtures/${name}`, import.meta.url), root, { recursive: true });
  return root;
}

describe("pyship compose", () => {
  it("writes compose.yaml and the env file, and says where the secrets are", async () => {
    const ctx = captureContext({ cwd: fixtureCopy("compose-postgres") });
    expect(await main(["compose"], ctx)).toBe(0);
    const out = ctx.stdout.join("\n");
    expect(out).toMatch(/created\s+compose\.yaml/);
    expect(out).toMatch(/created\s+\.env\.compose/);
    expect(out).toContain("secrets: .env.compose (POSTGRES_PASSWORD), git-ignored");
  });

  it("an unknown service is one line, exit 2", async () => {
    const ctx = captureContext({ cwd: fixtureCopy("compose-celery") });
    expect(await main(["compose", "--services", "redis,cassandra"], ctx)).toBe(2);
    expect(ctx.stderr.join("\n")).toMatch(/unknown service "cassandra" in --services/);
  });

  it("an existing different compose.yaml is kept without --force: exit 8", async () => {
    const root = fixtureCopy("compose-celery");
    writeFileSync(join(root, "compose.yaml"), "services: {}\n");
    const ctx = captureContext({ cwd: root });
    expect(await main(["compose"], ctx)).toBe(8);
    expect(ctx.stderr.join("\n")).toMatch(/compose\.yaml already exists with different content/);
    expect(await main(["compose", "--force"], captureContext({ cwd: root }))).toBe(0);
  });

  it("verify --compose without a compose.yaml says how to write one", async () => {
    const ctx = captureContext({
      cwd: fixtureCopy("compose-celery"),
      env: { PYSHIP_ENGINE: "docker" },
    });
    expect(await main(["verify", "--compose"], ctx)).toBe(5);
    expect(ctx.stderr.join("\n")).toMatch(/no compose\.yaml in .*pyship compose/s);
  });

  it("init --compose writes the Dockerfile and compose.yaml; --dry-run writes neither", async () => {
    const dry = fixtureCopy("compose-celery");
    expect(await main(["init", "--compose", "--dry-run"], captureContext({ cwd: dry }))).toBe(0);
    expect(existsSync(join(dry, "compose.yaml"))).toBe(false);
    const root = fixtureCopy("compose-celery");
    expect(await main(["init", "--compose", "--yes"], captureContext({ cwd: root }))).toBe(0);
    expect(existsSync(join(root, "Dockerfile"))).toBe(true);
    expect(readFileSync(join(root, "compose.yaml"), "utf8")).toContain("worker:");
  });

  it("at a terminal, a different compose.yaml is replaced only when the person agrees", async () => {
    for (const agree of [false, true]) {
      const root = fixtureCopy("compose-celery");
      writeFileSync(join(root, "compose.yaml"), "services: {}\n");
      const asked: string[] = [];
      const ask = (path: string) => {
        asked.push(path);
        return Promise.resolve(agree);
      };
      const ctx = captureContext({ cwd: root, interactive: true });
      expect(await runCompose(".", {}, ctx, ask)).toBe(0);
      expect(asked).toEqual(["compose.yaml"]);
      const kept = readFileSync(join(root, "compose.yaml"), "utf8") === "services: {}\n";
      expect(kept).toBe(!agree);
    }
  });
});
