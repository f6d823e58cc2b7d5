/*
 * Hand-built ProjectFacts for plan and render tests: a plain Flask project with
 * requirements.txt, overridable per test. Independent of the detectors on purpose.
 */
import type {
  EntrypointCandidate,
  Evidence,
  InstallFacts,
  ProjectFacts,
  Requirement,
} from "../../src/core/pipeline.js";

export const at = (file: string, line: number | null, why: string): Evidence => ({
  file,
  line,
  why,
});

export function requirement(
  name: string,
  spec = name,
  file = "requirements.txt",
  line = 1,
): Requirement {
  return { name, spec, evidence: at(file, line, `requires ${spec}`) };
}

export function candidate(
  kind: EntrypointCandidate["kind"],
  app: string,
  framework: EntrypointCandidate["framework"],
  file = "app.py",
  line = 1,
): EntrypointCandidate {
  return { kind, app, framework, evidence: at(file, line, `${framework} ${kind} ${app}`) };
}

export interface FactsOverrides extends Partial<Omit<ProjectFacts, "dependencies">> {
  readonly install?: Partial<InstallFacts>;
  readonly requirements?: readonly Requirement[];
}

export function makeFacts(overrides: FactsOverrides = {}): ProjectFacts {
  const { install, requirements, ...rest } = overrides;
  return {
    root: "/project",
    meta: {
      name: "demo",
      version: null,
      buildNeeds: [],
      scripts: {},
      evidence: at(".", null, "directory name"),
    },
    dependencies: {
      install: {
        tool: "pip",
        strategy: "requirements",
        files: ["requirements.txt"],
        installProject: false,
        evidence: at("requirements.txt", null, "requirements.txt lists the dependencies"),
        ...install,
      },
      requirements: requirements ?? [
        requirement("flask", "flask==3.0.3"),
        requirement("gunicorn", "gunicorn==23.0.0", "requirements.txt", 2),
      ],
      ignored: [],
    },
    python: {
      version: "3.12",
      constraint: null,
      evidence: at(".python-version", 1, "pinned in .python-version"),
    },
    entrypoints: [candidate("wsgi", "app:app", "flask")],
    procfile: null,
    port: null,
    config: { source: null },
    warnings: [],
    ...rest,
  };
}
