// STUB — owned by the plan/render/write helper. ProjectFacts + options → Plan.
import { PyshipError } from "../core/errors.js";
import type { Plan, PlanOptions, ProjectFacts } from "../core/pipeline.js";

export function planProject(_facts: ProjectFacts, _options: PlanOptions = {}): Plan {
  throw new PyshipError("E_INTERNAL", "planProject is not implemented yet");
}
