// pyship's own speed: CLI start-up (`pyship --version`) and `pyship plan --json` on a
// generated project of N files, each timed as a whole process, as a user waits for it.
import { join } from "node:path";
import { makeProject } from "./make-project.mjs";
import { resultRow } from "./results.mjs";
import { secondsSince } from "./stats.mjs";

/** @returns {Promise<object[]>} rows in the results.json format */
export async function benchCli({ executor, cli, runs, files, workRoot, say }) {
  const project = await makeProject(join(workRoot, `project-${files}-files`), files);
  const cases = [
    { app: "pyship-cli", metric: "version_s", args: ["--version"] },
    { app: `generated-${files}-files`, metric: "plan_s", args: ["plan", project, "--json"] },
  ];
  const rows = [];
  for (const c of cases) {
    const times = [];
    let error = null;
    for (let i = 0; i < runs && error === null; i++) {
      const start = performance.now();
      const result = await executor.run(process.execPath, [cli, ...c.args], { timeoutMs: 120_000 });
      if (result.exitCode === 0) times.push(secondsSince(start));
      else
        error = `pyship ${c.args[0]} exited with ${result.exitCode}: ${firstLine(result.stderr)}`;
    }
    say(`  ${c.app} ${c.metric}: ${error ?? times.map((t) => t.toFixed(3)).join(", ")}`);
    rows.push(resultRow({ ...c, variant: "pyship", unit: "s", values: times, error }));
  }
  return rows;
}

function firstLine(text) {
  return text.trim().split("\n")[0] ?? "";
}
