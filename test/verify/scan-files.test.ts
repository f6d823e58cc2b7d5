import { describe, expect, it } from "vitest";
import { findCompilers, findLeaks, normalizePath } from "../../src/verify/scan-files.js";

const VENVS = ["/opt/venv"];

describe("findLeaks", () => {
  it.each([
    ["/app/.env", ".env", "/app/.env"],
    ["/app/.env.production", ".env", "/app/.env.production"],
    ["/app/certs/server.pem", "private key", "/app/certs/server.pem"],
    ["/app/tls.key", "private key", "/app/tls.key"],
    ["/root/.ssh/id_rsa", "private key", "/root/.ssh/id_rsa"],
    ["/home/app/id_ed25519", "private key", "/home/app/id_ed25519"],
    ["/app/.git/HEAD", ".git", "/app/.git"],
    ["/app/venv/pyvenv.cfg", "virtualenv", "/app/venv"],
    ["/app/.venv/pyvenv.cfg", "virtualenv", "/app/.venv"],
    ["/app/shop/__pycache__/views.cpython-311.pyc", "__pycache__", "/app/shop/__pycache__"],
    ["/srv/app/.git", ".git", "/srv/app/.git"],
  ])("flags %s as %s", (path, what, reported) => {
    expect(findLeaks([path], VENVS)).toEqual([{ what, path: reported }]);
  });

  it.each([
    "/app/.env.example",
    "/app/environment.py",
    "/app/keys.py",
    "/opt/venv/pyvenv.cfg",
    "/opt/venv/lib/python3.11/site-packages/certifi/cacert.pem",
    "/opt/venv/lib/python3.11/site-packages/flask/__pycache__/app.cpython-311.pyc",
    "/usr/lib/python3.11/__pycache__/os.cpython-311.pyc",
    "/usr/local/lib/python3.12/site-packages/pip/_vendor/certifi/cacert.pem",
    "/etc/ssl/private/ssl-cert-snakeoil.key",
    "/var/lib/dpkg/info/gitk.list",
  ])("ignores %s", (path) => {
    expect(findLeaks([path], VENVS)).toEqual([]);
  });

  it("respects a virtualenv named by VIRTUAL_ENV", () => {
    expect(findLeaks(["/app/.venv/pyvenv.cfg"], ["/opt/venv", "/app/.venv"])).toEqual([]);
  });

  it("reports a leaked directory once, whatever order the listing has", () => {
    const paths = [
      "/app/venv/lib/python3.11/site-packages/x/__pycache__/a.pyc",
      "/app/venv/pyvenv.cfg",
      "/app/.git/objects/ab/cdef",
      "/app/.git/HEAD",
    ];
    expect(findLeaks(paths, VENVS)).toEqual([
      { what: "virtualenv", path: "/app/venv" },
      { what: ".git", path: "/app/.git" },
    ]);
  });
});

describe("findCompilers", () => {
  it("finds compiler drivers in bin directories", () => {
    const paths = [
      "/usr/bin/gcc",
      "/usr/bin/gcc-12",
      "/usr/bin/x86_64-linux-gnu-gcc-12",
      "/usr/bin/cc",
      "/usr/bin/g++",
      "/usr/local/bin/clang",
      "/usr/bin/c++filt",
      "/usr/bin/gcc-ar-12",
      "/usr/bin/cpp",
      "/usr/lib/gcc/x86_64-linux-gnu/12/cc1",
      "/app/bin/ccache-notes",
    ];
    expect(findCompilers(paths)).toEqual([
      "/usr/bin/gcc",
      "/usr/bin/gcc-12",
      "/usr/bin/x86_64-linux-gnu-gcc-12",
      "/usr/bin/cc",
      "/usr/bin/g++",
      "/usr/local/bin/clang",
    ]);
  });
});

describe("normalizePath", () => {
  it.each([
    ["app/web.py", "/app/web.py"],
    ["./app/", "/app"],
    ["/usr/bin/gcc", "/usr/bin/gcc"],
  ])("%s → %s", (name, path) => {
    expect(normalizePath(name)).toBe(path);
  });
});
