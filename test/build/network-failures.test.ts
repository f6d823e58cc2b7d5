/*
 * Network failures in real log lines of pip, uv, apt and the engine → one hint each, in
 * English and Chinese; the specific rule wins over "cannot reach the index".
 */
import { describe, expect, it } from "vitest";
import { knownFailure } from "../../src/build/known-failures.js";
import { NETWORK_FAILURES } from "../../src/build/network-failures.js";
import { t } from "../../src/cli/i18n.js";
import { NETWORK_HINTS_ZH } from "../../src/cli/network-messages.js";

const CASES: ReadonlyArray<readonly [string, string, string | undefined]> = [
  [
    "pip, a read timeout",
    "pip._vendor.urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Read timed out.",
    "network.timeout",
  ],
  [
    "uv, a read timeout",
    "error: Failed to fetch: `https://pypi.tuna.tsinghua.edu.cn/simple/numpy/`\n  Caused by: error sending request for url (https://pypi.tuna.tsinghua.edu.cn/simple/numpy/): operation timed out",
    "network.timeout",
  ],
  [
    "pip, a file the mirror lists but lacks",
    "ERROR: HTTP error 404 while getting https://mirrors.aliyun.com/pypi/packages/x/fastapi-0.200.0-py3-none-any.whl\nrequests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://mirrors.aliyun.com/pypi/packages/x/fastapi-0.200.0-py3-none-any.whl",
    "network.lagging-mirror",
  ],
  [
    "uv, a 404 from the mirror",
    "  Caused by: HTTP status client error (404 Not Found) for url (https://pypi.tuna.tsinghua.edu.cn/packages/fastapi-0.200.0.whl)",
    "network.lagging-mirror",
  ],
  [
    "pip, TLS through a corporate proxy",
    "SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)'))",
    "network.tls",
  ],
  [
    "pip, a plain-http index",
    "WARNING: The repository located at 10.0.0.5 is not a trusted or secure host and is being ignored.",
    "network.tls",
  ],
  ["uv, TLS", "  Caused by: invalid peer certificate: UnknownIssuer", "network.tls"],
  [
    "uv, wrong credentials",
    "  Caused by: HTTP status client error (401 Unauthorized) for url (http://127.0.0.1:8080/simple/flask/)",
    "network.auth",
  ],
  [
    "a loopback index without --network host",
    "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(': Failed to establish a new connection: [Errno 111] Connection refused')'",
    "network.refused",
  ],
  [
    "apt, a mirror that is syncing",
    "E: Failed to fetch http://mirrors.ustc.edu.cn/debian/dists/bookworm/main/binary-amd64/Packages.xz  Hash Sum mismatch",
    "network.apt-mirror",
  ],
  [
    "apt, a broken mirror",
    "W: Failed to fetch http://127.0.0.1:3142/deb.debian.org/debian/dists/bookworm/InRelease  503  Host not found [IP: 127.0.0.1 3142]",
    "network.apt-mirror",
  ],
  ["DNS: the generic rule", "Temporary failure in name resolution", undefined],
];

describe("network failures", () => {
  it.each(CASES)("%s", (_name, log, key) => {
    const found = knownFailure(log);
    expect(found?.code).toBe("E_NETWORK");
    expect(found?.hintKey).toBe(key);
  });

  it("says to retry against the upstream index for a lagging mirror", () => {
    expect(knownFailure("404 Client Error: Not Found for url: https://m/x.whl")?.hint).toMatch(
      /retry against the upstream index/,
    );
  });

  it("sends a missing base image to --base-registry", () => {
    const log =
      "pull access denied for python, repository does not exist or may require 'docker login'";
    expect(knownFailure(log)).toMatchObject({
      code: "E_BASE_IMAGE_MISSING",
      hint: expect.stringContaining("--base-registry"),
    });
  });

  it.each(NETWORK_FAILURES.map((f) => [f.id]))("has %s in English and Chinese", (id) => {
    expect(NETWORK_HINTS_ZH[id]).toMatch(/[\u4e00-\u9fff]/);
    expect(t("zh", `network.${id}`)).toBe(NETWORK_HINTS_ZH[id]);
    expect(t("en", `network.${id}`)).toBe(NETWORK_FAILURES.find((f) => f.id === id)?.hint);
  });
});
