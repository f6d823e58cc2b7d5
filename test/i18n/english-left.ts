/*
 * Finds human-readable English left in output that should be Chinese. What stays English by
 * design is removed first: code spans, quoted values, codes ([W_INDEX_LOCAL], PY202), paths,
 * URLs, flags, KEY=value, commands' words (anything with punctuation inside). What is left is
 * English when it has three plain words in a row or one English function word ("on", "the").
 */

/** Tokens that are never prose: `code`, "values", [CODES], URLs, paths, flags, names. */
const NOT_PROSE = [
  // a command line shown as is (`python -c …`, `/bin/sh -c …`): up to the next CJK text
  /(?:python3?|\/bin\/sh|sh) -c [^\u3000-\u9fff\uff00-\uffef]*?(?=\s\s|[\u3000-\u9fff\uff00-\uffef]|$)/g,
  /`[^`]*`/g,
  /"[^"]*"/g,
  /(?<![A-Za-z])'[^']*'(?![A-Za-z])/g, // 'API_TOKEN', not the apostrophes of pip's and it's
  /\[[A-Z][A-Z0-9_]*\]/g,
  /\[[\w.-]+(?:\.[\w.-]+)+\]/g, // [tool.pyship], [tool.poetry.dependencies]
  /\S+:\/\/\S+/g,
  /\b[0-9a-f]{7,}\b/g, // a hash (sha256 a66a3f27f61f…)
  /(?<![\p{L}\p{N}])(?:--?[\w-]+|\w+(?:-\w+)+(?![\w/])|[\w.-]*\/[\w./${}:*-]*|\$\{?\w+\}?|\w+=\S*|\w+(?:[.:][\w()*-]+)+|\w+\(\)?\S*)/gu,
];

/**
 * Names that read like words but are names: tools, servers, frameworks, packages, kinds.
 * They stay in Latin letters in every language.
 */
const NAMES = new Set(
  (
    "pip uv uvx poetry pipenv pdm conda gunicorn uvicorn hypercorn daphne granian waitress " +
    "uwsgi celery rq flask django fastapi starlette aiohttp sanic falcon bottle tornado " +
    "streamlit gradio dash panel whitenoise python docker podman buildx buildkit moby apt " +
    "debian bookworm trixie slim alpine pypi gcc libpq cairo tzdata matplotlib wsgi asgi " +
    "web worker script job pass fail skip warn error warning info root app http https tcp " +
    "json sarif github gitlab ci cmd entrypoint healthcheck stopsignal user workdir env arg " +
    "from run copy label expose volume onbuild shell sigterm sigint sigkill tls sha ok " +
    "builder runtime requirements pyproject procfile pipfile setup nexus artifactory devpi " +
    "tuna aliyun ustc tencent huawei daocloud wqy noto cjk sqlite postgres postgresql " +
    "mysql redis mongo mongodb rabbitmq alembic none dev main latest utc gmt"
  ).split(" "),
);

/** English function words: one of them alone, outside a name or a command, is English prose. */
const FUNCTION_WORDS = new Set(
  (
    "the a an is are was be been on of in to by for with from via at and or not no its it " +
    "this that these those when because so only than then into onto has have had does do " +
    "will would can cannot should must each every which who what where there here their " +
    "them they uses used using installs installed kept left out skipped found reads"
  ).split(" "),
);

/**
 * Lines that quote others' words: a parser's own error after pyship's heading, the app's log.
 * pyship's part of such a line is Chinese; what it quotes stays as the tool or app said it.
 */
const QUOTED = [
  /TOML 格式错误：|TOML 格式錯誤：/, // smol-toml's message
  /依赖写法有误：|相依套件寫法有誤：/, // the PEP 508 parser's message
  /(?:输出第一行|輸出第一行)：/, // the app's first log line
  /^\s*│/, // the build log's lines under a build error
];

/** Parts of a line that quote a log: the line a repair was found by, a compiler's complaint. */
const QUOTED_SPANS = [/(?:已知故障|原生扩展无法编译|原生擴充套件無法編譯)（[^）]*）/g];

/** The English fragment of a line, or null when the line has none. */
export function englishLeft(line: string): string | null {
  // A file's own lines, quoted by lint (` 3 | RUN …`) or shown in a diff (`+RUN …`).
  if (/^\s*(?:\d+ \||[+-](?![-+])|@@)/.test(line)) return null;
  if (QUOTED.some((pattern) => pattern.test(line))) return null;
  let rest = line;
  for (const pattern of [...QUOTED_SPANS, ...NOT_PROSE]) rest = rest.replace(pattern, " ");
  // CJK, digits and punctuation end a run of words; spaces do not (a comma ends one too:
  // "numpy, pandas, scipy" is a list of names).
  const runs = rest.split(/[^A-Za-z ]+/).map((run) => run.trim());
  for (const run of runs) {
    const words = run.split(/ +/).filter((word) => word.length > 0);
    const prose = words.filter((word) => !NAMES.has(word.toLowerCase()));
    if (prose.length >= 3 && longestRun(words) >= 3) return run;
    // FROM, RUN, ENV are Dockerfile instructions, not the English words.
    const lower = words.filter((word) => word !== word.toUpperCase());
    if (lower.some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) return run;
  }
  return null;
}

/** The most consecutive words that are not names. */
function longestRun(words: readonly string[]): number {
  let best = 0;
  let current = 0;
  for (const word of words) {
    current = NAMES.has(word.toLowerCase()) ? 0 : current + 1;
    best = Math.max(best, current);
  }
  return best;
}

/** Every line of `output` with English left in it, as "line  ← fragment". */
export function englishLines(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => englishLeft(line) !== null)
    .map((line) => `${line.trim()}  ← ${englishLeft(line)}`);
}
