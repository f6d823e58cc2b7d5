import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PINNED_ACTIONS } from "../../src/ci/pinned-actions.js";
import { renderCi } from "../../src/ci/render-ci.js";
import type { CiEngine, CiPlan, CiProvider } from "../../src/core/pipeline.js";
import { githubWorkflowProblems, gitlabCiProblems } from "./validators.js";

function ciPlan(provider: CiProvider, engine: CiEngine, projectDir = "."): CiPlan {
  return {
    provider,
    engine,
    repoRoot: "/repo",
    projectDir,
    defaultBranch: "main",
    pyshipVersion: "9.9.9",
    evidence: [],
  };
}

const CASES = [
  { name: "github", plan: ciPlan("github", "docker"), path: ".github/workflows/pyship.yml" },
  { name: "gitlab-docker", plan: ciPlan("gitlab", "docker"), path: ".gitlab-ci.yml" },
  { name: "gitlab-podman", plan: ciPlan("gitlab", "podman"), path: ".gitlab-ci.yml" },
  {
    name: "github-subdir",
    plan: ciPlan("github", "docker", "services/api"),
    path: ".github/workflows/pyship.yml",
  },
] as const;

const problems = (plan: CiPlan, content: string) =>
  plan.provider === "github" ? githubWorkflowProblems(content) : gitlabCiProblems(content);

describe("renderCi", () => {
  it.each(CASES)(
    "$name: one file at $path, valid, as snapshotted",
    async ({ name, plan, path }) => {
      const [file, ...rest] = renderCi(plan);
      expect(rest).toStrictEqual([]);
      expect(file?.path).toBe(path);
      expect(problems(plan, file?.content ?? "")).toBe("");
      await expect(file?.content).toMatchFileSnapshot(`__snapshots__/${name}.yml`);
    },
  );

  it.each([
    [
      "github",
      ciPlan("github", "docker"),
      "permissions:\n  contents: read\n",
      "permissions:\n  contents: reed\n",
    ],
    [
      "gitlab",
      ciPlan("gitlab", "docker"),
      "  stage: release\n",
      "  stage: release\n  when: sometimes\n",
    ],
  ] as const)(
    "the %s validator rejects a broken file (so the check can fail)",
    (_, plan, from, to) => {
      const content = renderCi(plan)[0]?.content ?? "";
      expect(content).toContain(from);
      expect(problems(plan, content.replace(from, to))).not.toBe("");
    },
  );
});

describe("the GitHub workflow", () => {
  const workflow = parse(renderCi(ciPlan("github", "docker"))[0]?.content ?? "");
  const steps = (job: string) => workflow.jobs[job].steps as { uses?: string; run?: string }[];
  const text = renderCi(ciPlan("github", "docker"))[0]?.content ?? "";

  it("pins every action by a commit SHA from the table, its release in a comment", () => {
    const uses = [...text.matchAll(/uses: (\S+)@(\S+) # (\S+)/g)];
    expect(uses.length).toBe(9);
    const table = Object.values(PINNED_ACTIONS);
    for (const [, name, sha, version] of uses) {
      expect(sha).toMatch(/^[0-9a-f]{40}$/);
      expect(table).toContainEqual(expect.objectContaining({ uses: name, sha, version }));
    }
    expect(text.match(/uses: /g)?.length).toBe(uses.length);
  });

  it("reads only, except packages: write on the release job", () => {
    expect(workflow.permissions).toStrictEqual({ contents: "read" });
    expect(workflow.jobs.verify.permissions).toBeUndefined();
    expect(workflow.jobs.release.permissions).toStrictEqual({
      contents: "read",
      packages: "write",
    });
  });

  it("builds and verifies pull requests without pushing; a v* tag runs pyship release", () => {
    expect(Object.keys(workflow.on)).toStrictEqual(["pull_request", "push"]);
    expect(workflow.on.push.tags).toStrictEqual(["v*"]);
    expect(workflow.jobs.verify.if).toBe("github.ref_type != 'tag'");
    expect(workflow.jobs.release.if).toBe("github.ref_type == 'tag'");
    const verifyRuns = steps("verify").map((step) => step.run ?? step.uses ?? "");
    expect(verifyRuns.filter((run) => /push|release|login/.test(run))).toStrictEqual([]);
    expect(verifyRuns).toContain("npx --yes pyship@9.9.9 build . --engine buildx");
    expect(steps("release").at(-1)?.run).toBe(
      'npx --yes pyship@9.9.9 release . --registry "$PYSHIP_REGISTRY"',
    );
  });

  it("keeps the layer cache in the Actions cache, for buildx", () => {
    expect(workflow.env.PYSHIP_CACHE_FROM).toBe("type=gha,scope=pyship");
    expect(workflow.env.PYSHIP_CACHE_TO).toBe("type=gha,mode=max,scope=pyship");
    const uses = steps("verify").map((step) => step.uses ?? "");
    expect(uses.some((u) => u.startsWith("docker/setup-buildx-action@"))).toBe(true);
    expect(uses.some((u) => u.startsWith("crazy-max/ghaction-github-runtime@"))).toBe(true);
  });
});

describe("the GitLab pipeline", () => {
  const pipeline = (engine: CiEngine) =>
    parse(renderCi(ciPlan("gitlab", engine))[0]?.content ?? "");

  it.each(["docker", "podman"] as const)(
    "%s: verifies branches, releases v* tags with --password-stdin",
    (engine) => {
      const ci = pipeline(engine);
      expect(ci["pyship-verify"].rules[0]).toStrictEqual({ if: "$CI_COMMIT_TAG", when: "never" });
      expect(ci["pyship-release"].rules).toStrictEqual([{ if: "$CI_COMMIT_TAG =~ /^v/" }]);
      const [login, release] = ci["pyship-release"].script as string[];
      expect(login).toBe(
        `echo "$CI_REGISTRY_PASSWORD" | ${engine} login --username "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"`,
      );
      expect(release).toBe('npx --yes pyship@9.9.9 release . --registry "$CI_REGISTRY_IMAGE"');
      expect(ci["pyship-verify"].script).toStrictEqual(["npx --yes pyship@9.9.9 build ."]);
    },
  );

  it("docker: docker-in-docker over TLS", () => {
    const template = pipeline("docker")[".pyship"];
    expect(template.services).toStrictEqual([{ name: "docker:27-dind", alias: "docker" }]);
    expect(template.variables).toMatchObject({
      DOCKER_HOST: "tcp://docker:2376",
      DOCKER_TLS_CERTDIR: "/certs",
      DOCKER_TLS_VERIFY: "1",
    });
  });

  it("podman: no privileged service, Buildah's chroot isolation", () => {
    const template = pipeline("podman")[".pyship"];
    expect(template.services).toBeUndefined();
    expect(template.image).toMatch(/^quay\.io\/podman\/stable:/);
    expect(template.variables).toStrictEqual({
      STORAGE_DRIVER: "vfs",
      BUILDAH_ISOLATION: "chroot",
    });
  });
});
