/*
 * The GitHub Actions a generated workflow uses, pinned by commit SHA (a tag can be moved to
 * other code; a commit cannot). Each row says which release the SHA is and where it was read,
 * so a reviewer can check it and an update changes one row. Read from the action's own
 * repository: `git rev-parse <tag>^{commit}` on a clone, 2026-12-03.
 */

export interface PinnedAction {
  /** owner/name as written after `uses:`. */
  readonly uses: string;
  readonly version: string;
  readonly sha: string;
  readonly source: string;
}

export const PINNED_ACTIONS = {
  checkout: {
    uses: "actions/checkout",
    version: "v7.0.1",
    sha: "3d3c42e5aac5ba805825da76410c181273ba90b1",
    source: "github.com/actions/checkout tag v7.0.1",
  },
  setupNode: {
    uses: "actions/setup-node",
    version: "v7.0.0",
    sha: "820762786026740c76f36085b0efc47a31fe5020",
    source: "github.com/actions/setup-node tag v7.0.0",
  },
  setupBuildx: {
    uses: "docker/setup-buildx-action",
    version: "v4.3.0",
    sha: "37fe631027851001ddb9b187196cc803df7f5f0e",
    source: "github.com/docker/setup-buildx-action tag v4.3.0",
  },
  // buildx reads the Actions cache service only when ACTIONS_RUNTIME_TOKEN and the cache URL
  // are in its environment; actions get them, `run:` steps don't. This action exports them.
  githubRuntime: {
    uses: "crazy-max/ghaction-github-runtime",
    version: "v4.0.0",
    sha: "04d248b84655b509d8c44dc1d6f990c879747487",
    source:
      "github.com/crazy-max/ghaction-github-runtime tag v4.0.0 (same SHA in docker/github-builder's bake.yml)",
  },
  login: {
    uses: "docker/login-action",
    version: "v4.1.0",
    sha: "4907a6ddec9925e35a0a9e82d7399ccc52663121",
    source: "github.com/docker/login-action tag v4.1.0",
  },
} as const satisfies Record<string, PinnedAction>;

/** `owner/name@sha # vX.Y.Z`: the form `uses:` takes in a generated workflow. */
export function pinned(action: PinnedAction): string {
  return `${action.uses}@${action.sha} # ${action.version}`;
}
