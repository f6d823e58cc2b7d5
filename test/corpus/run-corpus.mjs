#!/usr/bin/env node
/*
 * The corpus runner: real public Python projects through `pyship plan` and `pyship build`
 * (build + verify), one at a time, in a scratch folder outside the repository. A developer's
 * tool, not part of `npm test` or .ci/run: it needs the fetched mirrors, a container engine
 * and PyPI. See test/corpus/README.md for how to run it and what the outcomes mean.
 *
 *   node test/corpus/run-corpus.mjs [--only a,b] [--plan-only] [--timeout 900]
 *
 * Per project: check the pinned commit out of the local mirror (`git archive`, read-only,
 * only the project's subfolder), drop the project's own Dockerfile unless the entry says
 * keepDockerfile (the corpus measures what pyship generates), run plan --json, then build
 * --json (which verifies), record the outcome, and remove the image it built.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");

const DEFAULTS = {
  projects: join(HERE, "projects.json"),
  cli: join(REPO, "dist/cli.js"),
  mirrors: process.env.PYSHIP_CORPUS_MIRRORS ?? "/work/.mirror",
  out: process.env.PYSHIP_CORPUS_OUT ?? "/work/scratch/corpus",
  timeout: 900,
  planTimeout: 120,
};

// Files that would make `pyship build` use the project's own recipe instead of generating one.
const OWN_RECIPES = ["Dockerfile", "Containerfile"];
// A compose file that builds the app (`build:`) was written for that recipe (awesome-compose's
// `target: builder`): it goes with it, so `pyship compose` writes its own instead of keeping it.
const OWN_COMPOSE = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

function parseArgs(argv) {
  const args = { ...DEFAULTS, only: null, planOnly: false, keepCheckouts: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--only") args.only = [...(args.only ?? []), ...value().split(",")];
    else if (flag === "--plan-only") args.planOnly = true;
    else if (flag === "--keep-checkouts") args.keepCheckouts = true;
    else if (flag === "--merge") args.merge = [...(args.merge ?? []), resolve(value())];
    else if (flag === "--timeout") args.timeout = Number(value());
    else if (flag === "--projects") args.projects = resolve(value());
    else if (flag === "--cli") args.cli = resolve(value());
    else if (flag === "--mirrors") args.mirrors = resolve(value());
    else if (flag === "--out") args.out = resolve(value());
    else if (flag === "--help" || flag === "-h") {
      process.stdout.write(`${readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0]}*/\n`);
      process.exit(0);
    } else throw new Error(`unknown flag ${flag} (see --help)`);
  }
  return args;
}

/** KEY=VALUE lines of .tmp/engine.env (scripts/setup-engine.sh), values maybe quoted. */
function engineSettings() {
  const file = join(REPO, ".tmp/engine.env");
  const settings = {};
  if (!existsSync(file)) return settings;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) settings[match[1]] = match[2].trim().replace(/^"(.*)"$/, "$1");
  }
  return settings;
}

/** Runs a command; never throws. Kills the whole process group on timeout. */
function run(command, args, { cwd, timeoutSec, env, input } = {}) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = timeoutSec
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }, timeoutSec * 1000)
      : null;
    child.on("error", (error) => {
      stderr += String(error);
    });
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      done({ code: code ?? -1, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

/** The git dir of a project's mirror: the entry's `mirror`, or <mirrors>/<owner>+<name>*. */
function findMirror(project, mirrors) {
  const candidates = [];
  if (project.mirror) candidates.push(project.mirror);
  const prefix = project.repo.replace("/", "+");
  if (existsSync(mirrors)) {
    // The exact name first: pallets+flask must not pick pallets+flask-sqlalchemy.
    const entries = readdirSync(mirrors).filter((entry) => entry.startsWith(prefix));
    entries.sort((a, b) => Number(b === prefix) - Number(a === prefix) || a.localeCompare(b));
    for (const entry of entries) candidates.push(join(mirrors, entry, "repo"), join(mirrors, entry));
  }
  return candidates.find((dir) => existsSync(join(dir, "HEAD")) && existsSync(join(dir, "objects")));
}

/** checkouts/<name>/<subdir> from the pinned commit; null plus why when it can't. */
async function checkout(project, gitDir, checkouts) {
  const root = join(checkouts, project.name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const has = await run("git", ["--git-dir", gitDir, "cat-file", "-e", `${project.commit}^{commit}`]);
  if (has.code !== 0) return { dir: null, why: `commit ${project.commit} is not in ${gitDir}` };
  const extracted = await extract(gitDir, project, root);
  if (extracted.why) return { dir: null, why: extracted.why };
  const dir = project.subdir ? join(root, project.subdir) : root;
  const removed = [];
  if (!project.keepDockerfile) {
    for (const name of OWN_RECIPES) {
      if (existsSync(join(dir, name))) {
        rmSync(join(dir, name));
        removed.push(name);
      }
    }
    for (const name of removed.length > 0 ? OWN_COMPOSE : []) {
      const file = join(dir, name);
      if (existsSync(file) && /^\s+build:/m.test(readFileSync(file, "utf8"))) {
        rmSync(file);
        removed.push(name);
      }
    }
  }
  await withHistory(gitDir, project, root);
  return { dir, removed, missingBlobs: extracted.missing };
}

/** Dependency manifests, wherever they sit in the checkout (requirements/prod.txt too). */
const MANIFEST = /(^|\/)(requirements[^/]*\.txt|requirements\/[^/]+\.txt|pyproject\.toml|Pipfile(\.lock)?|setup\.(py|cfg)|(poetry|uv|pdm)\.lock)$/;

/**
 * The checkout as a user's clone would show it to `git log -- <manifest>` (what
 * `--resolve-date auto` and the build's resolve-date repair ask): a commit of the manifests
 * dated like the last commit that touched them in the mirror, then one of the rest dated like
 * the last commit that touched the project's folder. Two commits, not the real history.
 */
async function withHistory(gitDir, project, root) {
  const files = (await run("find", [".", "-type", "f", "-not", "-path", "./.git/*"], { cwd: root })).stdout
    .split("\n")
    .map((path) => path.replace(/^\.\//, ""))
    .filter((path) => MANIFEST.test(path));
  const dateOf = async (paths) =>
    (await run("git", ["--git-dir", gitDir, "log", "-1", "--format=%cI", project.commit, "--", ...paths])).stdout.trim();
  const git = (args, date) =>
    run("git", ["-C", root, "-c", "user.name=corpus", "-c", "user.email=corpus@localhost", ...args], {
      env: date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {},
    });
  await git(["init", "-q"]);
  if (files.length > 0) {
    await git(["add", "--", ...files]);
    await git(["commit", "-q", "-m", "manifests"], await dateOf(files));
  }
  await git(["add", "-A"]);
  await git(["commit", "-q", "--allow-empty", "-m", "project"], await dateOf([project.subdir ?? "."]));
}

/**
 * `git archive` of the commit (only the subfolder), into root. Mirrors may lack their largest
 * blobs (images, data files): those paths are left out, and listed, rather than failing.
 */
async function extract(gitDir, project, root) {
  const missing = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const paths = [project.subdir ?? ".", ...missing.map((path) => `:(exclude)${path}`)];
    const quoted = paths.map((path) => `'${path}'`).join(" ");
    const archive = `set -o pipefail; git --git-dir '${gitDir}' archive --format=tar ${project.commit} -- ${quoted} | tar -x -C '${root}'`;
    const result = await run("bash", ["-c", archive]);
    if (result.code === 0) return { missing, why: null };
    // git names a missing blob by hash ("invalid object … HASH for 'path'", "cannot read
    // 'HASH'"), and a path it met first may stand for another: every path of each hash goes.
    const hashes = [...result.stderr.matchAll(/invalid object [0-9a-f]+ ([0-9a-f]{40})|cannot read '([0-9a-f]{40})'/g)]
      .map((match) => match[1] ?? match[2]);
    if (hashes.length === 0) return { missing, why: firstLine(result.stderr) };
    const blobPaths = await pathsOfBlobs(gitDir, project.commit, new Set(hashes));
    const added = blobPaths.filter((path) => !missing.includes(path));
    if (added.length === 0) return { missing, why: firstLine(result.stderr) };
    missing.push(...added);
  }
  return { missing, why: "too many blobs missing from the mirror" };
}

/** Every path at which the commit's tree holds one of these blobs. */
async function pathsOfBlobs(gitDir, commit, blobs) {
  const listed = await run("git", ["--git-dir", gitDir, "ls-tree", "-r", commit]);
  return listed.stdout
    .split("\n")
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line))
    .filter((match) => match !== null && blobs.has(match[1]))
    .map((match) => match[2]);
}

// A traceback's final line (`KeyError: 'DBUSER'`), not the server's "Worker failed to boot".
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning|ImproperlyConfigured|DisallowedHost)\b/;

/** The line of a log tail that says why: the last exception line, else the last line. */
function causeLine(logTail) {
  const lines = (logTail ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.findLast((line) => EXCEPTION_LINE.test(line)) ?? lines.at(-1) ?? "";
}

/** Error texts in the results stay one readable line. */
function clip(text, max = 400) {
  const flat = (text ?? "").replaceAll("\n", " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function firstLine(text) {
  return (text ?? "").trim().split("\n")[0] ?? "";
}

/** The `error [E_…]` line pyship printed (and its hint), or the last non-empty line. */
function errorLine(text) {
  const lines = (text ?? "").split("\n").map((line) => line.trim());
  const index = lines.findIndex((line) => /error \[E_[A-Z_]+\]/.test(line));
  if (index >= 0) return lines.slice(index, index + 3).filter(Boolean).join(" | ");
  return lines.filter(Boolean).at(-1) ?? "";
}

function summarisePlan(plan) {
  return {
    framework: plan.framework ?? null,
    kind: plan.kind ?? null,
    python: plan.python ?? null,
    app: plan.app ?? null,
    command: Array.isArray(plan.command) ? plan.command.join(" ") : (plan.command ?? null),
    commandSource: plan.commandSource ?? null,
    install: plan.install ? `${plan.install.tool}/${plan.install.strategy}` : null,
    port: plan.port ?? null,
    warnings: (plan.warnings ?? []).map((w) => (typeof w === "string" ? w : (w.message ?? JSON.stringify(w)))),
  };
}

/** The verify report's reason for failing: the failure, the last app log line, failed checks. */
function verifyWhy(report) {
  const parts = [];
  if (report.failure) {
    parts.push(`${report.failure.code}: ${firstLine(report.failure.message)}`);
    // pyship's own reading first (boxed Sanic errors, tracebacks), then the last log line.
    const cause = report.failure.lastError ?? causeLine(report.failure.logTail);
    if (cause) parts.push(`log: ${cause}`);
    if (report.failure.diagnosis?.message) parts.push(`diagnosis: ${report.failure.diagnosis.message}`);
  }
  for (const check of report.checks ?? []) {
    if (check.status === "fail") parts.push(`${check.name}: ${firstLine(check.detail)}`);
  }
  return parts.join(" | ");
}

async function planProject(args, dir, env) {
  const result = await run(process.execPath, [args.cli, "plan", "--json", dir], {
    timeoutSec: args.planTimeout,
    env,
  });
  if (result.code === 0) {
    try {
      return { ok: true, ms: result.ms, plan: summarisePlan(JSON.parse(result.stdout)) };
    } catch {
      return { ok: false, ms: result.ms, error: "plan --json printed no JSON" };
    }
  }
  const why = result.timedOut ? `timed out after ${args.planTimeout}s` : clip(errorLine(result.stderr));
  return { ok: false, ms: result.ms, exitCode: result.code, error: why };
}

async function buildProject(args, project, dir, env, settings, logs) {
  const tag = `pyship-corpus/${project.name}:latest`;
  const log = join(logs, `${project.name}.build.log`);
  const flags = ["build", dir, "--json", "--tag", tag, "--log", log];
  if (settings.PYSHIP_TEST_NETWORK) flags.push("--network", settings.PYSHIP_TEST_NETWORK);
  const result = await run(process.execPath, [args.cli, ...flags], { timeoutSec: args.timeout, env });
  writeFileSync(join(logs, `${project.name}.build.out`), `${result.stdout}\n--- stderr ---\n${result.stderr}`);
  let parsed = null;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    // a failed build prints its error on stderr, not JSON
  }
  const report = parsed?.verify ?? null;
  const outcome = {
    exitCode: result.code,
    ms: result.ms,
    log,
    engine: parsed?.engine ?? null,
    sizeMB: report?.sizeBytes ? Math.round(report.sizeBytes / 1e6) : null,
    verifyMode: report?.mode ?? null,
    logTail: (report?.failure?.logTail ?? "").split("\n").slice(-15).join("\n") || null,
  };
  await removeImage(settings, tag);
  if (result.timedOut) return { ...outcome, status: "timeout", error: `timed out after ${args.timeout}s` };
  if (result.code === 0 && report?.ok !== false) return { ...outcome, status: "pass", error: null };
  if (report) {
    const failed = { ...outcome, status: "verify-fail", error: clip(verifyWhy(report)) };
    return suggestsCompose(result.stderr) ? followCompose(args, project, dir, env, settings, logs, failed) : failed;
  }
  return { ...outcome, status: "build-fail", error: clip(errorLine(result.stderr)) };
}

/** pyship's own hint after a failed verify: the app needs services `verify --compose` runs. */
function suggestsCompose(stderr) {
  return /pyship verify --compose/.test(stderr ?? "");
}

/**
 * Follows that hint as a user would: `pyship compose DIR --yes` (writes compose.yaml and
 * .env.compose into the scratch checkout), then `pyship verify --compose DIR`. A pass is
 * recorded as `pass (compose)`: the image works beside stand-in services, not on its own.
 */
async function followCompose(args, project, dir, env, settings, logs, failed) {
  const written = await run(process.execPath, [args.cli, "compose", dir, "--yes"], { timeoutSec: 120, env });
  if (written.code !== 0) return { ...failed, compose: { status: "compose-fail", error: clip(errorLine(written.stderr)) } };
  const verify = await run(process.execPath, [args.cli, "verify", "--compose", dir, "--json", "--timeout", "180"], {
    timeoutSec: args.timeout,
    env,
  });
  writeFileSync(join(logs, `${project.name}.compose.out`), `${verify.stdout}\n--- stderr ---\n${verify.stderr}`);
  await removeComposeImage(settings, dir);
  let report = null;
  try {
    report = JSON.parse(verify.stdout);
  } catch {
    // no report: the error is on stderr
  }
  const compose = { status: verify.code === 0 ? "pass" : "fail", ms: verify.ms, probe: report?.probe ?? null };
  if (verify.code === 0) return { ...failed, status: "pass (compose)", error: null, standalone: failed.error, compose };
  const why = clip(`${errorLine(verify.stderr)}${report?.logTail ? ` | log: ${causeLine(report.logTail)}` : ""}`);
  return { ...failed, error: `${failed.error} | verify --compose: ${why}`, compose: { ...compose, error: why } };
}

/** The app image compose built (the first `image:` of compose.yaml: the app's processes). */
async function removeComposeImage(settings, dir) {
  const file = join(dir, "compose.yaml");
  if (!existsSync(file)) return;
  const image = /^\s+image:\s*(\S+)/m.exec(readFileSync(file, "utf8"))?.[1];
  if (image) await removeImage(settings, image);
}

/** The image, and any container left from it (a verify cut short by the timeout). */
async function removeImage(settings, tag) {
  const client = settings.PYSHIP_TEST_DOCKER || "docker";
  const left = await run(client, ["ps", "-aq", "--filter", `ancestor=${tag}`], { timeoutSec: 60 });
  const ids = left.stdout.split("\n").filter(Boolean);
  if (ids.length > 0) await run(client, ["rm", "-f", ...ids], { timeoutSec: 120 });
  await run(client, ["rmi", "-f", tag], { timeoutSec: 120 });
}

async function runProject(args, project, settings, dirs) {
  const started = new Date().toISOString();
  const base = {
    name: project.name,
    repo: project.repo,
    commit: project.commit,
    subdir: project.subdir ?? null,
    category: project.category,
    needs: project.needs ?? null,
    started,
  };
  const gitDir = findMirror(project, args.mirrors);
  if (!gitDir) {
    const why = `no mirror: fetch github:${project.repo} first`;
    return { ...base, outcome: "mirror-missing", error: why };
  }
  const co = await checkout(project, gitDir, dirs.checkouts);
  if (!co.dir) return { ...base, outcome: "checkout-fail", error: co.why };
  const env = { PYSHIP_LANG: "en", NO_COLOR: "1", CI: "1" };
  const plan = await planProject(args, co.dir, env);
  const result = { ...base, dir: co.dir, removed: co.removed, plan };
  if (!plan.ok) return { ...result, outcome: "plan-fail", error: plan.error };
  if (args.planOnly) return { ...result, outcome: "planned", error: null };
  const build = await buildProject(args, project, co.dir, env, settings, dirs.logs);
  if (!args.keepCheckouts) rmSync(join(dirs.checkouts, project.name), { recursive: true, force: true });
  return { ...result, build, outcome: build.status, error: build.error };
}

const MD_COLUMNS = ["project", "shape", "pyship decided", "outcome", "error / cause"];

function markdown(results, meta) {
  const rows = Object.values(results);
  const counted = rows.filter((row) => row.outcome !== "planned");
  const passed = counted.filter((row) => row.outcome === "pass" || row.outcome === "pass (compose)").length;
  const lines = [
    `# pyship corpus run ${meta.date}`,
    "",
    `pyship ${meta.pyshipCommit}, ${rows.length} projects, ${passed}/${counted.length} pass` +
      (counted.length ? ` (${Math.round((100 * passed) / counted.length)} %)` : ""),
    "",
    `| ${MD_COLUMNS.join(" | ")} |`,
    `|${MD_COLUMNS.map(() => "---").join("|")}|`,
  ];
  for (const row of rows) {
    const p = row.plan?.plan;
    const decided = p ? `${p.framework ?? "-"} / ${p.kind} / py${p.python} / \`${p.command}\`` : "-";
    const where = `[${row.repo}${row.subdir ? `/${row.subdir}` : ""}](https://github.com/${row.repo}) @${row.commit.slice(0, 7)}`;
    const cells = [`${row.name}<br>${where}`, row.category, decided, row.outcome, row.error ?? ""];
    lines.push(`| ${cells.map((cell) => String(cell).replaceAll("|", "\\|").replaceAll("\n", " ")).join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.cli)) throw new Error(`${args.cli} is missing: run \`npm run build\` first`);
  const { projects } = JSON.parse(readFileSync(args.projects, "utf8"));
  const unknown = (args.only ?? []).filter((name) => !projects.some((p) => p.name === name));
  if (unknown.length > 0) throw new Error(`--only: no project named ${unknown.join(", ")}`);
  // --only runs in the order given (quick ones first when time is short).
  const chosen = args.only
    ? args.only.map((name) => projects.find((p) => p.name === name))
    : projects;
  const settings = engineSettings();
  const date = new Date().toISOString().slice(0, 10);
  const dirs = { checkouts: join(args.out, "checkouts"), logs: join(args.out, "logs") };
  mkdirSync(dirs.checkouts, { recursive: true });
  mkdirSync(dirs.logs, { recursive: true });
  const suffix = args.planOnly ? "-plan" : "";
  const jsonFile = join(args.out, `results-${date}${suffix}.json`);
  const mdFile = join(args.out, `results-${date}${suffix}.md`);
  // Re-running --only updates those entries of today's file and keeps the others.
  const previous = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, "utf8")) : null;
  const results = previous?.results ?? {};
  const head = await run("git", ["-C", REPO, "rev-parse", "--short", "HEAD"]);
  const meta = { date, pyshipCommit: head.stdout.trim(), cli: args.cli };
  if (args.merge) {
    // Results of parallel runs (--out elsewhere) folded into today's file; nothing is run.
    for (const file of args.merge) Object.assign(results, JSON.parse(readFileSync(file, "utf8")).results);
    writeFileSync(jsonFile, `${JSON.stringify({ meta: previous?.meta ?? meta, results }, null, 2)}\n`);
    writeFileSync(mdFile, markdown(results, previous?.meta ?? meta));
    process.stderr.write(`merged ${args.merge.length} file(s) into ${jsonFile}\n`);
    return;
  }
  for (const [index, project] of chosen.entries()) {
    process.stderr.write(`[${index + 1}/${chosen.length}] ${project.name} … `);
    const result = await runProject(args, project, settings, dirs);
    results[project.name] = result;
    process.stderr.write(`${result.outcome}${result.error ? `: ${result.error}` : ""}\n`);
    writeFileSync(jsonFile, `${JSON.stringify({ meta, results }, null, 2)}\n`);
    writeFileSync(mdFile, markdown(results, meta));
  }
  process.stderr.write(`results: ${jsonFile}\n          ${mdFile}\n`);
}

main().catch((error) => {
  process.stderr.write(`run-corpus: ${error.message}\n`);
  process.exit(2);
});
