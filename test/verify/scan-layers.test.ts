/*
 * Secrets in layers, config and history, on docker-archive exports made in the test with
 * tar-stream (the same layout `docker save` writes): a file deleted in a later layer is still
 * shipped; whiteouts and opaque directories are understood; no value is ever shown whole.
 */
import { describe, expect, it } from "vitest";
import { readImageArchive } from "../../src/verify/read-image-archive.js";
import { scanImageSecrets, wantsText } from "../../src/verify/scan-layers.js";
import { type Files, type FakeImage as Image, saveImage } from "./fake-archive.js";

async function scan(name: string, image: Image) {
  const archive = await readImageArchive(await saveImage(name, image), wantsText(["/opt/venv"]));
  return scanImageSecrets(archive, ["/opt/venv"]);
}

const BASE: Files = { "usr/bin/python3": "ELF", "etc/passwd": "root:x:0:0" };

describe("scanImageSecrets", () => {
  it("finds a .env copied in one layer and deleted in the next, naming the instruction", async () => {
    const findings = await scan("deleted", {
      layers: [BASE, { "app/.env": "A=1\n", "app/app.py": "print(1)\n" }, { "app/.wh..env": "" }],
      history: ["debootstrap", "COPY . /app # buildkit", "RUN rm /app/.env # buildkit"],
    });
    const deleted = findings.filter((f) => f.kind === "deleted-file");
    expect(deleted).toEqual([
      expect.objectContaining({ where: "/app/.env", layer: 1, instruction: "COPY . /app" }),
    ]);
  });

  it("understands an opaque whiteout of a parent directory", async () => {
    const findings = await scan("opaque", {
      layers: [BASE, { "app/.git/config": "[core]" }, { "app/.wh..wh..opq": "" }],
      history: ["base", "COPY . /app", "RUN rm -rf /app && mkdir /app"],
    });
    expect(findings.map((f) => [f.kind, f.where])).toContainEqual(["deleted-file", "/app/.git"]);
  });

  it("does not report a secret-named file that is still in the final image as deleted", async () => {
    const findings = await scan("kept", {
      layers: [BASE, { "app/.env": "X=1\n" }],
      history: ["base", "COPY . /app"],
    });
    expect(findings.filter((f) => f.kind === "deleted-file")).toEqual([]);
  });

  it.each([
    [
      "an AWS key in a settings file",
      "app/settings.py",
      "AWS_KEY = 'AKIAABCDEFGHIJKLMNOP'\n",
      "AWS access key",
      "AKIA…",
    ],
    [
      "a private key block",
      "app/key.txt",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n",
      "private key",
      "----…",
    ],
    [
      "a URL with a password",
      "app/settings.py",
      "DB = 'postgres://app:s3cret@db/app'\n",
      "URL with credentials",
      "postgres://***@db/app",
    ],
    [
      "a quoted secret in Python",
      "app/settings.py",
      "SECRET_KEY = 'django-insecure-abc'\n",
      "SECRET_KEY with a literal value",
      "djan…",
    ],
    [
      "a bare secret in a .env",
      "app/.env",
      "DB_PASSWORD=hunter2hunter2\n",
      "DB_PASSWORD with a literal value",
      "hunt…",
    ],
  ])("finds %s in a layer's file, masked", async (_name, path, text, what, shown) => {
    const findings = await scan(`content-${what.replace(/\W/g, "")}-${path.replace(/\W/g, "")}`, {
      layers: [BASE, { [path]: text }],
      history: ["base", "COPY . /app"],
    });
    expect(findings).toContainEqual(
      expect.objectContaining({ kind: "file-content", where: `/${path}`, what, shown }),
    );
  });

  it("a query token that code fills in is not a secret; a literal one is (FastAPI template's reset link)", async () => {
    const findings = await scan("query-placeholders", {
      layers: [
        BASE,
        {
          "app/utils.py":
            'link = f"{host}/reset-password?token={token}"\nold = "%s/reset?token=%s" % (host, t)\n',
          "app/client.py": 'URL = "https://api.example.com/v1?api_key=9f8e7d6c5b4a39281706"\n',
        },
      ],
      history: ["base", "COPY . /app"],
    });
    expect(findings.map((f) => f.where)).toEqual(["/app/client.py"]);
  });

  it("Codecov's badge and graph token is public; a token on another host in the same README is not (proxy_pool)", async () => {
    const findings = await scan("codecov-badge", {
      layers: [
        BASE,
        {
          "app/README.md":
            "[![codecov](https://codecov.io/gh/jhao104/proxy_pool/graph/badge.svg?token=8WHGkrQA6E)](https://codecov.io/gh/jhao104/proxy_pool)\n" +
            '<img src="https://app.codecov.io/gh/o/r/graphs/sunburst.svg?token=AbCdEf1234">\n',
          "app/NOTES.md": "see https://ci.example.com/badge.svg?token=8WHGkrQA6E7\n",
        },
      ],
      history: ["base", "COPY . /app"],
    });
    expect(findings.map((f) => f.where)).toEqual(["/app/NOTES.md"]);
  });

  it("rates a secret-named literal in Python low (a development default), a credential format high", async () => {
    const findings = await scan("confidence", {
      layers: [
        BASE,
        {
          "app/settings.py": "SECRET_KEY = 'django-insecure-abc'\n",
          "app/deploy.ini": "token = ghp_abcdefghijklmnopqrstuvwxyz0123456789\n",
        },
      ],
      history: ["base", "COPY . /app"],
    });
    expect(findings.map((f) => [f.where, f.confidence])).toEqual([
      ["/app/settings.py", "low"],
      ["/app/deploy.ini", "high"],
    ]);
  });

  it("rates credentials for a local or compose database low, a remote one high, and skips docs", async () => {
    const findings = await scan("local-urls", {
      layers: [
        BASE,
        {
          "app/settings.py": "DB = 'postgresql://postgres:postgres@localhost:5432/app'\n",
          "app/compose.py": "DB = 'postgresql://app:pw@db/app'\n",
          "app/prod.py": "DB = 'postgresql://app:pw@db.example.com/app'\n",
          "app/README.md": 'export GOOGLE_APPLICATION_CREDENTIALS="[PATH_TO_KEY]"\n',
        },
      ],
      history: ["base", "COPY . /app"],
    });
    expect(findings.map((f) => [f.where, f.confidence])).toEqual([
      ["/app/settings.py", "low"],
      ["/app/compose.py", "low"],
      ["/app/prod.py", "high"],
    ]);
  });

  it("does not take a value read from the environment, or compiled files, for a secret", async () => {
    const findings = await scan("environ", {
      layers: [
        BASE,
        {
          "app/settings.py": "SECRET_KEY = os.environ['SECRET_KEY']\nPASSWORD = get('x')\n",
          "app/__pycache__/settings.cpython-313.pyc": "PASSWORD='compiled-constant'",
          "app/.env.example": "API_TOKEN=\n",
        },
      ],
      history: ["base", "COPY . /app"],
    });
    expect(findings.filter((f) => f.kind === "file-content")).toEqual([]);
  });

  it("finds secrets in the config and build args in the history, never printing them whole", async () => {
    const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    const findings = await scan("config", {
      layers: [BASE, { "app/app.py": "print(1)\n" }],
      history: [
        "base",
        `ARG TOKEN=${token}`,
        `RUN |1 TOKEN=${token} /bin/sh -c pip install -r requirements.txt # buildkit`,
        "ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG",
      ],
      env: [
        "PATH=/usr/bin",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG",
        "SECRET_KEY_FILE=/run/x",
      ],
      labels: { "org.example.token": `https://x-access:${token}@github.com/a/b` },
    });
    const where = findings.map((f) => `${f.kind} ${f.where}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "config ENV AWS_SECRET_ACCESS_KEY",
        "config LABEL org.example.token",
        "history history",
      ]),
    );
    expect(where.filter((w) => w.startsWith("history"))).toHaveLength(2);
    expect(where).not.toContain("config ENV SECRET_KEY_FILE");
    expect(JSON.stringify(findings)).not.toContain(token);
    expect(JSON.stringify(findings)).not.toContain("wJalrXUtnFEMI/K7MDENG");
  });

  it("reports nothing for a clean image (system files and the venv are not the app's)", async () => {
    const findings = await scan("clean", {
      layers: [
        BASE,
        { "opt/venv/lib/site-packages/x/test_keys.py": "AKIAABCDEFGHIJKLMNOP" },
        { "app/app.py": "print('hi')\n" },
      ],
      history: ["base", "RUN pip install x", "COPY . /app"],
      env: ["PATH=/opt/venv/bin:/usr/bin", "PYTHONUNBUFFERED=1"],
    });
    expect(findings).toEqual([]);
  });
});
