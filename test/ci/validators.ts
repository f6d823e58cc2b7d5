/*
 * The offline validators generated CI files must pass: npm's @action-validator/cli (the
 * GitHub workflow schema) and GitLab's own CI JSON schema (vendored in schema/, see
 * SOURCE.md) checked by ajv. Each returns the problems found, empty when the file is valid.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

const bin = new URL("../../node_modules/.bin/action-validator", import.meta.url).pathname;

export function githubWorkflowProblems(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "pyship-ci-")), "workflow.yml");
  writeFileSync(file, content);
  const run = spawnSync(bin, [file], { encoding: "utf8" });
  return run.status === 0 ? "" : `${run.stdout}${run.stderr}`.trim() || `exit ${run.status}`;
}

const schema = JSON.parse(
  readFileSync(new URL("./schema/gitlab-ci.json", import.meta.url), "utf8"),
) as object;
// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
// GitLab's schema uses regexes without the unicode flag and keywords ajv's strict mode flags.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }));
const validateGitlab = ajv.compile(schema);

export function gitlabCiProblems(content: string): string {
  if (validateGitlab(parse(content))) return "";
  return (validateGitlab.errors ?? [])
    .map((error) => `${error.instancePath} ${error.message}`)
    .join("\n");
}
