// A synthetic Flask project of exactly N files for timing `pyship plan` on a large tree:
// mostly Python modules (what pyship scans for app objects), plus templates and static files.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const APP = `from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"
`;

/** Relative paths and contents of the generated project, deterministic for a given N. */
export function projectFiles(total) {
  const files = [
    ["app.py", APP],
    ["requirements.txt", "flask==3.1.3\ngunicorn==27.0.1\n"],
  ];
  for (let i = 0; files.length < total; i++) {
    const pkg = `shop/pkg_${String(Math.floor(i / 50)).padStart(3, "0")}`;
    const kind = i % 10;
    if (kind < 7) {
      files.push([
        `${pkg}/module_${i}.py`,
        `import os\n\n\ndef handler_${i}():\n    return os.getcwd()\n`,
      ]);
    } else if (kind < 9) {
      files.push([`templates/${pkg}/page_${i}.html`, `<h1>Page ${i}</h1>\n`]);
    } else {
      files.push([`static/${pkg}/data_${i}.json`, `{"id": ${i}}\n`]);
    }
  }
  return files;
}

export async function makeProject(dir, total) {
  await rm(dir, { recursive: true, force: true });
  for (const [path, content] of projectFiles(total)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
