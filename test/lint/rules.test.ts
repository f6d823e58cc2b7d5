import { describe, expect, it } from "vitest";
import { CLEAN, CONTEXT_FILES, codes } from "./lint-helpers.js";

/** A variant of the clean Dockerfile: `from` text replaced by `to`. */
const vary = (from: string, to: string) => {
  if (!CLEAN.includes(from)) throw new Error(`CLEAN has no ${from}`);
  return CLEAN.replace(from, to);
};
const withFiles = (extra: Record<string, string | null>) => {
  const files: Record<string, string> = { ...CONTEXT_FILES };
  for (const [name, text] of Object.entries(extra)) {
    if (text === null) delete files[name];
    else files[name] = text;
  }
  return files;
};

interface Case {
  readonly code: string;
  readonly why: string;
  readonly bad: string;
  readonly good: string;
  readonly badFiles?: Record<string, string>;
  readonly goodFiles?: Record<string, string>;
}

const MULTI_STAGE = `FROM python:3.12 AS builder
RUN apt-get update && apt-get install -y gcc libpq-dev
RUN pip install --upgrade pip && pip wheel -r requirements.txt -w /wheels
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
USER 10001
CMD ["python", "-m", "worker"]
`;

const CASES: Case[] = [
  {
    code: "PY101",
    why: "full image in final stage",
    bad: vary("python:3.12-slim", "python:3.12-bookworm"),
    good: MULTI_STAGE,
  },
  {
    code: "PY102",
    why: "no tag",
    bad: vary("python:3.12-slim", "python"),
    good: vary("python:3.12-slim", "python:3.12-slim@sha256:abc"),
  },
  { code: "PY102", why: "latest", bad: vary("python:3.12-slim", "python:latest"), good: CLEAN },
  {
    code: "PY103",
    why: "3.9 is EOL",
    bad: vary("python:3.12-slim", "python:3.9-slim"),
    good: vary("python:3.12-slim", "python:3.11-slim"),
  },
  {
    code: "PY103",
    why: "EOL in a builder stage too",
    bad: MULTI_STAGE.replace("python:3.12 AS", "python:3.8 AS"),
    good: MULTI_STAGE,
  },
  {
    code: "PY105",
    why: "3.10 left support weeks ago",
    bad: vary("python:3.12-slim", "python:3.10-slim"),
    good: vary("python:3.12-slim", "python:3.9-slim"),
  },
  {
    code: "PY104",
    why: "alpine + pandas in requirements",
    bad: vary("python:3.12-slim", "python:3.12-alpine"),
    badFiles: withFiles({ "requirements.txt": "pandas==2.2.3\ngunicorn==23.0.0\n" }),
    good: vary("python:3.12-slim", "python:3.12-alpine"),
  },
  {
    code: "PY104",
    why: "alpine + inline numpy",
    bad: "FROM python:3.12-alpine\nRUN pip install --no-cache-dir numpy==2.1.0\n",
    good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.0\n",
  },
  {
    code: "PY201",
    why: "COPY . . before pip -r",
    bad: vary(
      "COPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .",
      "COPY . .\nRUN pip install -r requirements.txt",
    ),
    good: CLEAN,
  },
  {
    code: "PY201",
    why: "poetry install after COPY . .",
    bad: "FROM python:3.12-slim\nCOPY . .\nRUN pip install poetry==1.8.3 && poetry install --no-root\n",
    good: "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\nRUN pip install poetry==1.8.3 && poetry install --no-root\nCOPY . .\nRUN poetry install --only-root\n",
  },
  {
    code: "PY201",
    why: "uv: deps first, then the project is fine",
    bad: "FROM python:3.12-slim\nCOPY . .\nRUN uv sync --locked\n",
    good: "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-install-project\nCOPY . .\nRUN uv sync --locked\n",
  },
  {
    code: "PY202",
    why: "pip cache",
    bad: vary("    PIP_NO_CACHE_DIR=1", "    LANG=C.UTF-8"),
    good: CLEAN,
  },
  {
    code: "PY202",
    why: "venv pip",
    bad: "FROM python:3.12-slim\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt\n",
    good: "FROM python:3.12-slim\nRUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n",
  },
  {
    code: "PY202",
    why: "python -m pip and a cache mount",
    bad: "FROM python:3.12-slim\nRUN python3 -m pip install -r requirements.txt\n",
    good: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install -r requirements.txt\n",
  },
  {
    code: "PY202",
    why: "uv",
    bad: "FROM python:3.12-slim\nRUN uv pip install --system -r requirements.txt\n",
    good: "FROM python:3.12-slim\nENV UV_NO_CACHE=1\nRUN uv pip install --system -r requirements.txt\n",
  },
  {
    code: "PY202",
    why: "builder-stage cache never ships",
    bad: "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n",
    good: "FROM python:3.12-slim AS build\nRUN pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
  },
  {
    code: "PY203",
    why: "bare pip install",
    bad: vary("RUN pip install -r requirements.txt", "RUN pip install flask"),
    good: vary(
      "RUN pip install -r requirements.txt",
      "RUN pip install flask==3.0.3 'poetry>=2,<3' uv",
    ),
  },
  {
    code: "PY301",
    why: "no PYTHONUNBUFFERED",
    bad: vary("PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1"),
    good: CLEAN,
  },
  {
    code: "PY301",
    why: "python -u is unbuffered",
    bad: 'FROM python:3.12-slim\nUSER 1000\nCMD ["python", "w.py"]\n',
    good: 'FROM python:3.12-slim\nUSER 1000\nCMD ["python", "-u", "w.py"]\n',
  },
  { code: "PY302", why: "no USER", bad: vary("USER app\n", ""), good: CLEAN },
  {
    code: "PY302",
    why: "USER root last",
    bad: vary("USER app\n", "USER app\nUSER root\n"),
    good: CLEAN,
  },
  {
    code: "PY302",
    why: "USER in builder only",
    bad: 'FROM python:3.12-slim AS b\nUSER app\nFROM python:3.12-slim\nCMD ["python"]\n',
    good: 'FROM python:3.12-slim AS b\nUSER app\nFROM b\nCMD ["python"]\n',
  },
  {
    code: "PY303",
    why: "shell-form CMD",
    bad: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      "CMD gunicorn --bind 0.0.0.0:8000 app:app",
    ),
    good: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      "CMD exec gunicorn --bind 0.0.0.0:8000 app:app",
    ),
  },
  {
    code: "PY303",
    why: "sh -c in exec form",
    bad: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["sh", "-c", "gunicorn --bind 0.0.0.0:8000 app:app"]',
    ),
    good: CLEAN,
  },
  {
    code: "PY304",
    why: "flask run",
    bad: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["flask", "run", "--host=0.0.0.0", "--port=8000"]',
    ),
    good: CLEAN,
  },
  {
    code: "PY304",
    why: "manage.py runserver",
    bad: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]',
    ),
    good: CLEAN,
  },
  {
    code: "PY304",
    why: "uvicorn --reload",
    bad: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000", "--reload"]',
    ),
    good: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
    ),
  },
  {
    code: "PY304",
    why: "python app.py calling app.run()",
    bad: vary('CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]', 'CMD ["python", "app.py"]'),
    badFiles: withFiles({
      "app.py":
        "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8000)\n",
    }),
    good: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["python", "worker.py"]',
    ),
  },
  {
    code: "PY305",
    why: "gunicorn default bind",
    bad: vary('"--bind", "0.0.0.0:8000", ', ""),
    good: CLEAN,
  },
  {
    code: "PY305",
    why: "gunicorn's default bind is 0.0.0.0:$PORT when PORT is set",
    bad: vary('"--bind", "0.0.0.0:8000", ', ""),
    good: vary('"--bind", "0.0.0.0:8000", ', "").replace(
      "ENV PYTHONUNBUFFERED=1",
      "ENV PORT=8000 PYTHONUNBUFFERED=1",
    ),
  },
  {
    code: "PY305",
    why: "uvicorn default host",
    bad: vary(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
      'CMD ["uvicorn", "app:app"]',
    ),
    good: vary('"--bind", "0.0.0.0:8000", ', '"-c", "gunicorn.conf.py", '),
  },
  {
    code: "PY306",
    why: "EXPOSE disagrees",
    bad: vary("EXPOSE 8000", "EXPOSE 5000"),
    good: vary("EXPOSE 8000", "EXPOSE 8000/tcp"),
  },
  {
    code: "PY307",
    why: "TZ written as an offset",
    bad: vary("ENV PYTHONUNBUFFERED=1", "ENV TZ=UTC+8 PYTHONUNBUFFERED=1"),
    good: vary("ENV PYTHONUNBUFFERED=1", "ENV TZ=Asia/Shanghai PYTHONUNBUFFERED=1"),
  },
  {
    code: "PY307",
    why: "TZ names no zone",
    bad: vary("ENV PYTHONUNBUFFERED=1", "ENV TZ=Asia/Beijing PYTHONUNBUFFERED=1"),
    good: vary("ENV PYTHONUNBUFFERED=1", "ENV TZ=Etc/GMT-8 PYTHONUNBUFFERED=1"),
  },
  {
    code: "PY401",
    why: "secret ENV",
    bad: vary("ENV PYTHONUNBUFFERED=1", "ENV DJANGO_SECRET_KEY=changeme PYTHONUNBUFFERED=1"),
    good: vary(
      "ENV PYTHONUNBUFFERED=1",
      "ENV SECRET_KEY_FILE=/run/secrets/key TOKENIZERS_PARALLELISM=false GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D PYTHONUNBUFFERED=1",
    ),
  },
  {
    code: "PY401",
    why: "credentials in a URL value",
    bad: vary(
      "ENV PYTHONUNBUFFERED=1",
      "ENV DATABASE_URL=postgres://app:hunter2@db/app PYTHONUNBUFFERED=1",
    ),
    good: vary("ENV PYTHONUNBUFFERED=1", "ENV DATABASE_URL=postgres://db/app PYTHONUNBUFFERED=1"),
  },
  {
    code: "PY402",
    why: "secret ARG",
    bad: vary("WORKDIR /app", "ARG GITHUB_TOKEN\nWORKDIR /app"),
    good: vary("WORKDIR /app", "ARG APP_VERSION=1.0\nWORKDIR /app"),
  },
  {
    code: "PY403",
    why: "token in a RUN URL",
    bad: vary(
      "RUN pip install -r requirements.txt",
      "RUN pip install git+https://ci:s3cret@git.example.com/org/lib.git",
    ),
    good: vary(
      "RUN pip install -r requirements.txt",
      "RUN pip install git+ssh://git@git.example.com/org/lib.git@v1.2",
    ),
  },
  {
    code: "PY404",
    why: "COPY .env",
    bad: vary("COPY . .", "COPY . .\nCOPY .env /app/.env"),
    good: vary("COPY . .", "COPY . .\nCOPY .env.example /app/.env.example"),
  },
  {
    code: "PY501",
    why: "update alone",
    bad: vary(
      "WORKDIR /app",
      "RUN apt-get update\nRUN apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    ),
    good: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    ),
  },
  {
    code: "PY502",
    why: "recommends",
    bad: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    ),
    good: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    ),
  },
  {
    code: "PY503",
    why: "apt lists kept",
    bad: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y --no-install-recommends libpq5\nWORKDIR /app",
    ),
    good: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    ),
  },
  {
    code: "PY503",
    why: "apk cache kept",
    bad: "FROM alpine:3.20\nRUN apk add curl\n",
    good: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
  },
  {
    code: "PY504",
    why: "gcc in the final stage",
    bad: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\nWORKDIR /app",
    ),
    good: MULTI_STAGE,
  },
  {
    code: "PY504",
    why: "apk virtual build deps removed",
    bad: "FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev\n",
    good: "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build gcc musl-dev && pip install --no-cache-dir -r requirements.txt && apk del .build\n",
  },
  {
    code: "PY601",
    why: "ADD url",
    bad: vary("WORKDIR /app", "ADD https://example.com/x.tar.gz /tmp/\nWORKDIR /app"),
    good: vary(
      "WORKDIR /app",
      "ADD --checksum=sha256:abc https://example.com/x.tar.gz /tmp/\nWORKDIR /app",
    ),
  },
  {
    code: "PY602",
    why: "ADD local file",
    bad: vary("COPY requirements.txt ./", "ADD requirements.txt ./"),
    good: vary(
      "COPY requirements.txt ./",
      "COPY requirements.txt ./\nADD vendor/tool.tar.gz /opt/",
    ),
  },
  {
    code: "PY603",
    why: "cd in RUN",
    bad: vary(
      "RUN pip install -r requirements.txt",
      "RUN cd /app && pip install -r requirements.txt",
    ),
    good: vary(
      "RUN pip install -r requirements.txt",
      "RUN (cd /tmp && true) && pip install -r requirements.txt",
    ),
  },
  {
    code: "PY604",
    why: "MAINTAINER",
    bad: vary("WORKDIR /app", "MAINTAINER Jane\nWORKDIR /app"),
    good: CLEAN,
  },
  {
    code: "PY605",
    why: "curl on slim",
    bad: vary(
      "EXPOSE 8000",
      "EXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1",
    ),
    good: vary(
      "WORKDIR /app",
      "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nWORKDIR /app",
    ),
  },
  {
    code: "PY606",
    why: "syntax directive",
    bad: `# syntax=docker/dockerfile:1\n${CLEAN}`,
    good: `# check=skip=all\n${CLEAN}`,
  },
  {
    code: "PY102",
    why: "python:slim has no Python minor version",
    bad: vary("python:3.12-slim", "python:slim"),
    good: CLEAN,
  },
  {
    code: "PY102",
    why: "python:3 floats across minors",
    bad: vary("python:3.12-slim", "python:3"),
    good: vary("python:3.12-slim", "python:3.12"),
  },
  {
    code: "PY106",
    why: "buster in the tag, even with a supported Python",
    bad: vary("python:3.12-slim", "python:3.12-slim-buster"),
    good: vary("python:3.12-slim", "python:3.12-slim-bookworm"),
  },
  {
    code: "PY107",
    why: "Alpine for Python",
    bad: vary("python:3.12-slim", "python:3.12-alpine"),
    good: CLEAN,
  },
  {
    code: "PY204",
    why: "pip upgraded without a version in the final image",
    bad: vary("RUN pip install -r", "RUN pip install --upgrade pip setuptools && pip install -r"),
    good: vary("RUN pip install -r", "RUN pip install pip==24.3.1 && pip install -r"),
  },
  {
    code: "PY204",
    why: "only the final image counts",
    bad: MULTI_STAGE.replace("pip install --no-cache-dir /wheels/*", "pip install -U pip"),
    good: MULTI_STAGE,
  },
  {
    code: "PY205",
    why: "poetry without a version",
    bad: vary("RUN pip install -r requirements.txt", "RUN pip install poetry"),
    good: vary("RUN pip install -r requirements.txt", "RUN pip install poetry==1.8.5"),
  },
  {
    code: "PY205",
    why: "uv with extras, in a builder stage too",
    bad: MULTI_STAGE.replace("pip install --upgrade pip &&", "pip install uv &&"),
    good: MULTI_STAGE.replace("pip install --upgrade pip &&", "pip install 'uv>=0.5,<0.6' &&"),
  },
  {
    code: "PY607",
    why: "legacy ENV key value",
    bad: vary(
      "ENV PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1",
      "ENV PYTHONUNBUFFERED 1\nENV PIP_NO_CACHE_DIR 1",
    ),
    good: CLEAN,
  },
  {
    code: "PY108",
    why: "the final image runs on the build platform",
    bad: vary("FROM python:3.12-slim", "FROM --platform=$BUILDPLATFORM python:3.12-slim"),
    good: `FROM --platform=$BUILDPLATFORM python:3.12-slim AS builder\nRUN pip wheel -w /w flask==3.0.3\n${CLEAN.replace("COPY . .", "COPY --from=builder /w /w\nCOPY . .")}`,
  },
  {
    code: "PY701",
    why: "no .dockerignore",
    bad: CLEAN,
    badFiles: withFiles({ ".dockerignore": null }),
    good: CLEAN,
  },
  {
    code: "PY702",
    why: ".env not ignored",
    bad: CLEAN,
    badFiles: withFiles({ ".env": "SECRET=1", ".dockerignore": ".git\n" }),
    good: CLEAN,
    goodFiles: withFiles({ ".env": "SECRET=1" }),
  },
  {
    code: "PY703",
    why: ".venv not ignored",
    bad: CLEAN,
    badFiles: withFiles({ ".venv/pyvenv.cfg": "x", ".dockerignore": ".env\n" }),
    good: CLEAN,
    goodFiles: withFiles({ ".venv/pyvenv.cfg": "x" }),
  },
];

describe("lint rules", () => {
  it.each(CASES)("$code reports: $why", ({ code, bad, badFiles }) => {
    expect(codes(bad, badFiles)).toContain(code);
  });

  it.each(CASES)("$code stays quiet on the fixed version: $why", ({ code, good, goodFiles }) => {
    expect(codes(good, goodFiles)).not.toContain(code);
  });

  it("the clean best-practice Dockerfile has no findings at all", () => {
    expect(codes(CLEAN)).toEqual([]);
  });

  it("every catalogued rule has at least one positive case", async () => {
    const { RULES } = await import("../../src/lint/rule-catalog.js");
    const tested = new Set(CASES.map((c) => c.code));
    expect(RULES.map((r) => r.code).filter((code) => !tested.has(code))).toEqual([]);
  });
});
