/*
 * The environment `pyship build` gives its test container, never the image: what the
 * platform would set for the app to accept the probe (ALLOWED_HOSTS's variable, plan-django.ts),
 * then what the project's example environment gives for the variables its code cannot start
 * without (`.env.example`, as its README says to copy). The first wins: the probe's host is
 * what the probe needs, whatever the example says.
 */
import type { Plan, ProjectFacts } from "../core/pipeline.js";
import { because, msg } from "../i18n/message.js";
import type { Notes } from "./notes.js";
import { verifyHostsEnv } from "./plan-django.js";

type VerifyEnv = NonNullable<Plan["verifyEnv"]>;

export function planVerifyEnv(facts: ProjectFacts, notes: Notes): Pick<Plan, "verifyEnv"> {
  const hosts = verifyHostsEnv(facts, notes);
  const env = [...hosts, ...fromTemplate(facts, notes, new Set(hosts.map((v) => v.name)))];
  return env.length > 0 ? { verifyEnv: env } : {};
}

function fromTemplate(facts: ProjectFacts, notes: Notes, taken: ReadonlySet<string>): VerifyEnv {
  const template = facts.envTemplate;
  if (template === undefined) return [];
  return template.provides
    .filter((entry) => !taken.has(entry.name))
    .map(({ name, value, evidence, readAt }) => {
      const read = `${readAt.file}${readAt.line === null ? "" : `:${readAt.line}`}`;
      const why = msg("ev.verifyEnv.template", { name, value, read, file: template.file });
      const noted = { ...evidence, ...because(why) };
      notes.evidence.push(noted);
      return { name, value, evidence: noted };
    });
}
