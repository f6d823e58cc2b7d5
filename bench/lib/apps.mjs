// The benchmark apps (bench/apps/<name>) and the two edits every rebuild measurement makes:
// one line of application code, and one more dependency in the manifest.
import { appendFile, cp, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** Entry file and manifest are the same in every app, as in most small services. */
export const CODE_FILE = "main.py";
export const MANIFEST = "requirements.txt";

/**
 * Small pure-Python packages no app depends on, one per repetition. The appended line also
 * carries a unique comment, so a later repetition (or another variant with the same install
 * layer) can never hit a cached layer from an earlier one.
 */
export const EXTRA_PACKAGES = [
  "tabulate==0.10.0",
  "toolz==1.2.0",
  "cachetools==8.0.1",
  "more-itertools==11.2.1",
  "text-unidecode==1.3",
  "ply==3.11",
  "humanize==4.17.0",
  "pyparsing==3.3.3",
  "iniconfig==2.3.1",
  "wcwidth==0.9.4",
];

export function appDir(benchDir, app) {
  return join(benchDir, "apps", app);
}

/** A fresh copy of the app to build one variant in, so variants never share files. */
export async function freshCopy(benchDir, app, workDir) {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  await cp(appDir(benchDir, app), workDir, { recursive: true });
  return workDir;
}

export async function changeCode(workDir, nonce) {
  await appendFile(join(workDir, CODE_FILE), `\nBUILD_NOTE = "code change ${nonce}"\n`);
}

export async function addDependency(workDir, run, nonce) {
  const pkg = EXTRA_PACKAGES[run % EXTRA_PACKAGES.length];
  await appendFile(join(workDir, MANIFEST), `${pkg}  # dependency change ${nonce}\n`);
  return pkg;
}
