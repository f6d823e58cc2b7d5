/*
 * The program the install step checks for: the one CMD ends up running, through pyship's
 * launcher or a shell's `exec`. A Procfile that reads $PORT runs through `/bin/sh -c 'exec …'`
 * and must keep the check (missing-server's `pserve`).
 */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/core/pipeline.js";
import { planProject } from "../../src/plan/plan-project.js";
import { executableCheck } from "../../src/render/executable-check.js";
import { makeFacts } from "../plan/make-facts.js";

const withCommand = (command: string[], shell?: Plan["shell"]): Plan => ({
  ...planProject(makeFacts()),
  command,
  ...(shell ? { shell } : {}),
});
const port = (program: string) => ({ reason: "port" as const, readsPort: true, program });
const list = (program: string | null) => ({ reason: "list" as const, readsPort: true, program });

describe("executableCheck", () => {
  it.each([
    [["gunicorn", "app:app"], undefined, "gunicorn"],
    [["/bin/sh", "-c", "exec pserve production.ini http_port=$PORT"], port("pserve"), "pserve"],
    [
      ["/bin/sh", "-c", "set -e; flask --app app init-db; exec gunicorn -b :$PORT app:app"],
      list("gunicorn"),
      "gunicorn",
    ],
    // The shell's last command, run as python: nothing to check.
    [
      ["/bin/sh", "-c", "set -e; python manage.py migrate; exec python -m gunicorn x"],
      list("python"),
      null,
    ],
    // Not exec'd: the plan names no program.
    [["/bin/sh", "-c", "set -e; flask db upgrade; gunicorn x"], list(null), null],
    [["python", "main.py"], undefined, null],
  ])("%j checks for %s", (command, shell, program) => {
    const plan = { ...withCommand(command, shell), server: undefined };
    const check = executableCheck(plan as Plan);
    if (program === null) expect(check).toBeNull();
    else expect(check).toContain(`test -x /opt/venv/bin/${program} `);
  });
});
