/*
 * Where the megabytes are, on fake docker-archive exports: base layers found from the
 * history, system packages on top, the virtualenv split by distribution (RECORD decides,
 * __pycache__ follows its folder), the app by WORKDIR, deleted files still counted.
 */
import { describe, expect, it } from "vitest";
import { imageSizes, isDistRecord } from "../../src/verify/image-sizes.js";
import { readImageArchive } from "../../src/verify/read-image-archive.js";
import { type FakeImage, saveImage } from "./fake-archive.js";

const SITE = "opt/venv/lib/python3.12/site-packages";
const bytes = (n: number) => "x".repeat(n);

async function sizes(name: string, image: FakeImage) {
  const archive = await readImageArchive(await saveImage(name, image), (path) =>
    isDistRecord(path),
  );
  return imageSizes(archive, ["/opt/venv"]);
}

const NUMPY_RECORD = "numpy/core.so,sha256=a,3000\nnumpy.libs/libopenblas.so,sha256=b,2000\n";
const YAML_RECORD = "yaml/__init__.py,sha256=c,400\n";

/** A slim-like base (two layers closed by its CMD), apt on top, a venv, the app. */
const IMAGE: FakeImage = {
  history: [
    "/bin/sh -c #(nop) ADD file:abc in /",
    "RUN /bin/sh -c apt-get update && apt-get install -y ca-certificates # buildkit",
    'CMD ["python3"]',
    "RUN /bin/sh -c apt-get install -y libpq5 # buildkit",
    "COPY /opt/venv /opt/venv # buildkit",
    "WORKDIR /srv",
    "COPY . /srv # buildkit",
    "RUN /bin/sh -c rm /srv/big.log # buildkit",
    'CMD ["gunicorn"]',
  ],
  layers: [
    { "usr/lib/libc.so": bytes(5000) },
    { "usr/share/ca.pem": bytes(1000) },
    { "usr/lib/libpq.so.5": bytes(700) },
    {
      [`${SITE}/numpy/core.so`]: bytes(3000),
      [`${SITE}/numpy/__pycache__/x.pyc`]: bytes(100),
      [`${SITE}/numpy.libs/libopenblas.so`]: bytes(2000),
      [`${SITE}/numpy-2.1.3.dist-info/RECORD`]: NUMPY_RECORD,
      [`${SITE}/PyYAML-6.0.2.dist-info/RECORD`]: YAML_RECORD,
      [`${SITE}/yaml/__init__.py`]: bytes(400),
      [`${SITE}/six.py`]: bytes(50),
      "opt/venv/bin/python": bytes(10),
    },
    { "srv/app.py": bytes(300), "srv/big.log": bytes(200) },
    { "srv/.wh.big.log": "" },
  ],
  workingDir: "/srv",
};

describe("imageSizes", () => {
  it("splits base, system packages, virtualenv and app; deleted files still ship", async () => {
    const result = await sizes("split", IMAGE);
    const venv = 3000 + 100 + 2000 + 400 + 50 + 10;
    const records = NUMPY_RECORD.length + YAML_RECORD.length;
    expect(result).toMatchObject({
      baseBytes: 6000,
      systemBytes: 700,
      venvBytes: venv + records,
      appBytes: 500,
      base: { layers: 2, why: "history: the base image's CMD after layer 2" },
    });
    expect(result.totalBytes).toBe(6000 + 700 + venv + records + 500);
  });

  it("names the virtualenv's packages by RECORD, __pycache__ and .libs with their folder", async () => {
    const { venvPackages } = await sizes("packages", IMAGE);
    expect(venvPackages).toStrictEqual([
      { name: "numpy", bytes: 3000 + 100 + 2000 + NUMPY_RECORD.length },
      { name: "PyYAML", bytes: 400 + YAML_RECORD.length },
      { name: "six", bytes: 50 },
    ]);
  });

  it("keeps the ten largest packages, largest first", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`${SITE}/pkg${i}/m.py`, bytes(10 * (i + 1))]),
    );
    const { venvPackages } = await sizes("ten", {
      history: ["ADD rootfs", "COPY venv"],
      layers: [{ "bin/sh": "x" }, files],
    });
    expect(venvPackages.map((p) => p.name)).toStrictEqual(
      Array.from({ length: 10 }, (_, i) => `pkg${11 - i}`),
    );
  });

  it.each([
    [
      "an imported base (no CMD in the history): its one layer",
      ["", "RUN apt-get install -y curl"],
      1,
    ],
    [
      "a base whose CMD is the last step: still only the first layer",
      ["ADD rootfs", 'CMD ["sh"]'],
      1,
    ],
  ] as const)("base: %s", async (_, history, layers) => {
    const result = await sizes(`base-${layers}-${history.length}`, {
      history,
      layers: history.map((_line, i) => ({ [`usr/f${i}`]: bytes(100) })).slice(0, 2),
    });
    expect(result.base.layers).toBe(layers);
  });

  it("counts packages pip installed into the system Python on top of the base, not the base's own", async () => {
    const system = "usr/local/lib/python3.12/site-packages";
    const result = await sizes("system-pip", {
      history: ["ADD rootfs", 'CMD ["python3"]', "RUN pip install -r requirements.txt"],
      layers: [
        { [`${system}/pip/__init__.py`]: bytes(900) },
        { [`${system}/flask/app.py`]: bytes(300), "usr/local/bin/flask": bytes(5) },
      ],
    });
    expect(result).toMatchObject({ baseBytes: 900, venvBytes: 300, systemBytes: 5 });
    expect(result.venvPackages).toStrictEqual([{ name: "flask", bytes: 300 }]);
  });

  it("an image without WORKDIR counts /app as the app", async () => {
    const result = await sizes("no-workdir", {
      history: ["ADD rootfs", 'CMD ["sh"]', "COPY . /app"],
      layers: [{ "bin/sh": bytes(10) }, { "app/main.py": bytes(42) }],
    });
    expect(result).toMatchObject({ appBytes: 42, baseBytes: 10, systemBytes: 0 });
  });
});
