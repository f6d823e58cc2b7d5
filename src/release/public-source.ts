/*
 * The `org.opencontainers.image.source` label: the git remote as a browsable https URL, with
 * any user, password or token taken out (CI checkouts often carry one in the remote URL).
 */

/** `https://tok@github.com/o/r.git` → `https://github.com/o/r`; `git@host:o/r.git` → `https://host/o/r`. */
export function publicSource(remote: string): string {
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(remote);
  const viaSsh = scp !== null || /^(ssh|git|git\+ssh):\/\//.test(remote);
  const candidate = scp
    ? `https://${scp[1]}/${scp[2]}`
    : remote.replace(/^(ssh|git|git\+ssh):\/\//, "https://");
  try {
    const url = new URL(candidate);
    url.username = "";
    url.password = "";
    // An ssh or git port means nothing to a browser.
    if (viaSsh) url.port = "";
    return url
      .toString()
      .replace(/\/$/, "")
      .replace(/\.git$/, "");
  } catch {
    // A local path remote: nothing secret in it, nothing browsable either.
    return remote;
  }
}
