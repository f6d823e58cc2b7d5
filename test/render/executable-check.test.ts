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

const withCommand = (command: string[]): Plan => ({ ...planProject(makeFacts()), command });

describe("executableCheck", () => {
  it.each([
    [["gunicorn", "app:app"], "gunicorn"],
    [["/bin/sh", "-c", "exec pserve production.ini http_port=$PORT"], "pserve"],
    [
      ["/bin/sh", "-c", "set -e; flask --app app init-db; exec gunicorn -b :$PORT app:app"],
      "gunicorn",
    ],
    [["/bin/sh", "-c", "set -e; python manage.py migrate; python -m gunicorn x"], null],
    [["python", "main.py"], null],
  ])("%j checks for %s", (command, program) => {
    const plan = { ...withCommand(command), server: undefined };
    const check = executableCheck(plan as Plan);
    if (program === null) expect(check).toBeNull();
    else expect(check).toContain(`test -x /opt/venv/bin/${program} `);
  });
});
