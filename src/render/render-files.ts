/*
 * Plan → the files pyship writes into the project. Pure: no I/O, no clock, so the same plan
 * always gives the same bytes (snapshot-tested per fixture).
 */
import type { Plan, RenderedFiles } from "../core/pipeline.js";
import { renderDockerfile } from "./render-dockerfile.js";
import { renderDockerignore, renderOwnDockerignore } from "./render-dockerignore.js";
import { renderRequirements } from "./render-requirements.js";
import { renderServerFiles } from "./server-files.js";

export function renderFiles(plan: Plan): RenderedFiles {
  const own = renderOwnDockerignore(plan);
  return [
    { path: "Dockerfile", content: renderDockerfile(plan) },
    { path: ".dockerignore", content: renderDockerignore(plan) },
    ...(own === null ? [] : [{ path: "Dockerfile.dockerignore", content: own }]),
    ...renderRequirements(plan),
    ...renderServerFiles(plan),
  ];
}
