/*
 * A Procfile whose web: command reads $PORT (test/fixtures/procfile: `gunicorn --bind
 * 0.0.0.0:$PORT …`, as Koyeb's, Heroku's and Render's samples write it). The platform sets
 * PORT when the container starts; the image must listen there, not on the port pyship
 * planned, and its healthcheck must follow. On the real engine: the image's default, then
 * `-e PORT=9123`, PID 1 the server itself (the shell exec'd it), and a quick `docker stop`.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeE2e, type E2eEngine } from "./engine.js";
import { buildImage, copyFixture, engineRun, removeDir, removeImages } from "./pyship-cli.js";

const TAG = "pyship-e2e-procfile-port:test";

async function docker(engine: E2eEngine, args: readonly string[]): Promise<string> {
  const result = await engineRun(engine, args);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Starts the image with `flags` and waits for an answer on `port`: the body, or a failure. */
async function answerOn(engine: E2eEngine, name: string, port: number, flags: string[]) {
  await docker(engine, ["run", "-d", "--name", name, "-p", `127.0.0.1:0:${port}`, ...flags, TAG]);
  const published = (await docker(engine, ["port", name, `${port}/tcp`])).split("\n")[0];
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    // A connection docker-proxy accepted before the server listened may never be answered.
    const signal = AbortSignal.timeout(2000);
    const answer = await fetch(`http://${published}/`, { signal }).catch(() => null);
    if (answer?.ok) return answer.text();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const logs = await engineRun(engine, ["logs", name]);
  throw new Error(`no answer on ${port}:\n${logs.stdout}${logs.stderr}`);
}

describeE2e("a Procfile command that reads $PORT", (engine) => {
  const names: string[] = [];
  beforeAll(async () => {
    const dir = await copyFixture("procfile");
    try {
      await buildImage(engine, dir, TAG);
    } finally {
      await removeDir(dir);
    }
  }, 600_000);
  afterAll(async () => {
    for (const name of names) await engineRun(engine, ["rm", "-f", name]);
    await removeImages(engine, [TAG]);
  });

  it("listens on the image's PORT when the platform sets none", async () => {
    const name = `pyship-procfile-port-${Date.now()}`;
    names.push(name);
    expect(await answerOn(engine, name, 8000, [])).toBe("hello from procfile");
  });

  it("listens on the platform's PORT, its healthcheck probes there, and PID 1 is gunicorn", async () => {
    const name = `pyship-procfile-port-9123-${Date.now()}`;
    names.push(name);
    expect(await answerOn(engine, name, 9123, ["-e", "PORT=9123"])).toBe("hello from procfile");
    const test = JSON.parse(
      await docker(engine, ["inspect", "--format", "{{json .Config.Healthcheck.Test}}", TAG]),
    );
    const probe = await engineRun(engine, ["exec", name, ...test.slice(1)]);
    expect(probe.exitCode, probe.stderr).toBe(0);
    const cmdline = await docker(engine, ["exec", name, "cat", "/proc/1/cmdline"]);
    expect(cmdline).toMatch(/bin\/gunicorn\0/);
    const started = performance.now();
    await docker(engine, ["stop", name]);
    // SIGTERM reached gunicorn (a shell in between would wait the full 10 s grace).
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
