/*
 * The end of the final stage: labels verify reads, the port, the health probe, the stop
 * signal and the command.
 */
import type { Plan } from "../core/pipeline.js";
import { block, env, execForm } from "./dockerfile-syntax.js";

export function runtimeDirectives(plan: Plan): string[] {
  return [...runContext(plan), labels(plan), ...web(plan), ...stopSignal(plan), command(plan)];
}

/** The app's own environment and importable root (see src/plan/plan-run-context.ts). */
function runContext(plan: Plan): string[] {
  const settings = Object.entries(plan.env ?? {}).map(([name, value]) => `${name}=${value}`);
  return [
    ...(settings.length > 0
      ? [
          block(
            "What the app reads at start: its settings, and the host and port its own server listens on\n(`pyship plan` shows why each is set).",
            env(settings),
          ),
        ]
      : []),
    ...(plan.workdir
      ? [
          block(
            "The app imports itself from here; it runs where its developers run it.",
            `WORKDIR ${plan.workdir}`,
          ),
        ]
      : []),
  ];
}

function labels(plan: Plan): string {
  const pairs = [
    `org.opencontainers.image.title=${JSON.stringify(plan.project.name)}`,
    ...(plan.project.version === null
      ? []
      : [`org.opencontainers.image.version=${JSON.stringify(plan.project.version)}`]),
    `io.pyship.kind=${JSON.stringify(plan.kind)}`,
  ];
  return block(
    "io.pyship.kind tells `pyship verify` how to probe the image (web, worker or script).",
    `LABEL ${pairs.join(" \\\n      ")}`,
  );
}

/**
 * Slim images have no curl, so the probe is Python's standard library. Any HTTP answer
 * (even 404 or 500) proves the server is up; only no answer at all is unhealthy.
 */
function web(plan: Plan): string[] {
  if (plan.port === null) return [];
  const expose = block("The port the server listens on (also in $PORT).", `EXPOSE ${plan.port}`);
  if (plan.healthcheck === null) return [expose];
  const url = `http://127.0.0.1:${plan.port}${plan.healthcheck.path}`;
  const probe = [
    "import sys, urllib.error, urllib.request",
    "try:",
    `    urllib.request.urlopen('${url}', timeout=4)`,
    "except urllib.error.HTTPError:",
    "    pass",
    "except Exception:",
    "    sys.exit(1)",
  ].join("\n");
  const check = block(
    "Healthy while the server answers HTTP at all (any status); slim images have no curl.",
    `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\\n  CMD ${execForm(["python", "-c", probe])}`,
  );
  return [expose, check];
}

function stopSignal(plan: Plan): string[] {
  if (plan.stopSignal === null) return [];
  return [
    block(
      `Python as PID 1 ignores SIGTERM, so \`docker stop\` would wait 10 s and kill it;\n` +
        `${plan.stopSignal} raises KeyboardInterrupt and the program exits at once.`,
      `STOPSIGNAL ${plan.stopSignal}`,
    ),
  ];
}

function command(plan: Plan): string {
  const source = plan.commandSource === "procfile" ? "Procfile" : "[tool.pyship] command";
  if (plan.command[0] === "/bin/sh" && plan.command[1] === "-c")
    return block(
      `The ${source} is a shell command list, run as the platforms run it: set -e stops the\n` +
        "container at a failing step, and the last command is exec'd to be PID 1 (gets SIGTERM).",
      `CMD ${execForm(plan.command)}`,
    );
  const why =
    plan.commandSource === "detected"
      ? `Exec form: the process is PID 1 and receives signals directly (from ${plan.app ?? "detection"}).`
      : `Exec form: the process is PID 1 and receives signals directly (from the ${plan.commandSource === "procfile" ? "Procfile" : "[tool.pyship] command"}).`;
  return block(why, `CMD ${execForm(plan.command)}`);
}
