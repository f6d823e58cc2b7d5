/*
 * Docker's .dockerignore matching (@balena/dockerignore, Docker's own pattern semantics), in
 * one place for everything that reads or writes ignore files: the rendered .dockerignore,
 * a project's own file (plan), compose's secrets file, and the lint rules.
 */
import dockerignore from "@balena/dockerignore";

// The package is CommonJS with `export default` typings: under NodeNext the callable is
// either the module itself or its .default, depending on how it is loaded (Node, bundler).
type Factory = typeof dockerignore.default;
const createIgnore: Factory =
  typeof dockerignore === "function" ? (dockerignore as unknown as Factory) : dockerignore.default;

export type IgnoreRules = ReturnType<Factory>;

/** Committed env templates without secrets: config loaders may read them as defaults. */
export const ENV_TEMPLATES: readonly string[] = [".env.example", ".env.sample"];

/**
 * The rules of these lines, minus lines that are not valid patterns (an unclosed `[`): Docker
 * rejects those at build time; here they must not take every other rule down with them.
 */
export function ignoreRules(lines: readonly string[]): IgnoreRules {
  const rules = createIgnore();
  for (const line of lines) {
    try {
      createIgnore().add(line).ignores("probe");
      rules.add(line);
    } catch {
      // an invalid pattern: skipped (see above)
    }
  }
  return rules;
}
