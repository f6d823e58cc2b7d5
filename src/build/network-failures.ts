/*
 * Network failures of pip, uv, apt and registries in a build log, each with one hint that
 * says what to change. `id` names the hint in the CLI's catalog (en and zh). Order: the
 * specific before the general, because one log can show both (a 401 is also "could not
 * fetch", a TLS failure also "could not connect"); the generic "cannot reach the index"
 * rule in known-failures.ts comes after all of these.
 */

export interface NetworkFailure {
  readonly id: string;
  readonly pattern: RegExp;
  readonly cause: string;
  readonly hint: string;
}

export const NETWORK_FAILURES: readonly NetworkFailure[] = [
  {
    id: "auth",
    pattern:
      /401 Client Error|403 Client Error|status code 401|401 Unauthorized|403 Forbidden|HTTP status client error \(40[13]/,
    cause: "the package index refused the request (401/403: missing or wrong credentials)",
    hint: "check the user and token in your index URL (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL or pip.conf): pyship passes them as the build secret pyship_index_netrc",
  },
  {
    id: "lagging-mirror",
    pattern:
      /404 Client Error: Not Found for url|HTTP status client error \(404 Not Found\) for url/,
    cause: "the index has no such release or file (404): a mirror that lags behind PyPI",
    hint: "retry against the upstream index (pyship build --mirror off) or another mirror: mirrors sync every few minutes to hours, a fresh release is missing until then",
  },
  {
    id: "tls",
    pattern:
      /CERTIFICATE_VERIFY_FAILED|certificate verify failed|invalid peer certificate|UnknownIssuer|self[- ]signed certificate|is not a trusted or secure host/,
    cause: "the index's TLS certificate is not trusted in the build (or the host is plain http)",
    hint: "add your company's CA to the base image (the build trusts its certificate store), or for an internal http index set trusted-host in pip.conf: pyship passes it as PIP_TRUSTED_HOST and UV_INSECURE_HOST",
  },
  {
    id: "refused",
    pattern: /Connection refused|ECONNREFUSED|Connection reset by peer/,
    cause: "nothing answered at the index's address from inside the build (connection refused)",
    hint: "an index on 127.0.0.1 is reachable from a build only with --network host; otherwise check the index's host and port",
  },
  {
    id: "timeout",
    pattern:
      /ReadTimeoutError|Read timed out|operation timed out|error sending request[^\n]*timed out|Failed to download[^\n]*timeout|Connection timed out/,
    cause: "the package index answered too slowly (read timeout)",
    hint: "retry; from mainland China use a mirror (pyship build --mirror tuna, aliyun, ustc, tencent or huawei); behind a proxy pass it with --build-arg HTTPS_PROXY=http://proxy:3128",
  },
  {
    id: "apt-mirror",
    pattern:
      /Failed to fetch http\S+\s+(?:50\d|404)|Hash Sum mismatch|File has unexpected size|does not have a Release file/,
    cause: "apt could not fetch from its Debian mirror",
    hint: "retry (a mirror that is syncing serves mismatched files for a few minutes), or use another one with --apt-mirror URL or none with --mirror off",
  },
];
