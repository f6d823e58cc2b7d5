/*
 * Run-time failures people hit again and again, recognised in what the app logged (or in
 * the body it answered) and named with what to change. The build's counterpart is
 * src/build/known-failures.ts.
 *
 * First match wins, so causes come before their symptoms: a missing module or environment
 * variable stops the import, and gunicorn then also logs "Worker failed to boot"; a database
 * that is not initialised or not reachable shows up as a 500 that a hidden-error row would
 * otherwise explain. Where the app listens comes last: a healthy log says that too.
 */

export interface RunFailure {
  /** Stable code in `--json` (`diagnosis.cause`). */
  readonly cause: string;
  /** Tested against each line of the log, then of the HTTP body. */
  readonly pattern: RegExp;
  readonly message: (match: RegExpExecArray) => string;
  readonly hint: (match: RegExpExecArray) => string;
}

const ALLOWED_HOSTS_FIX =
  'read ALLOWED_HOSTS from the environment in settings.py (ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")), then `pyship verify --env DJANGO_ALLOWED_HOSTS=*`';

export const RUN_FAILURES: readonly RunFailure[] = [
  {
    // Before the app: rootful podman on a machine without CAP_SYS_RESOURCE (some VMs, nested
    // containers) asks runc for limits above the host's, and no container starts at all.
    cause: "engine-rlimits",
    pattern: /error setting rlimit type \d+: operation not permitted/,
    message: () => "the engine could not give the container its resource limits (rlimits)",
    hint: () =>
      'this machine refuses podman\'s default ulimits: set ones it accepts in /etc/containers/containers.conf ([containers] default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]); scripts/setup-podman.sh does it',
  },
  {
    // Python >= 3.12 venvs have no setuptools; old gunicorn and many libraries import it.
    cause: "module-not-found",
    pattern: /No module named '(pkg_resources)'/,
    message: () => "pkg_resources (part of setuptools) is imported but not installed",
    hint: () =>
      'add setuptools to requirements.txt, or pin a Python of the dependencies\' era (`[tool.pyship] python = "3.11"`)',
  },
  {
    cause: "module-not-found",
    pattern: /No module named '([\w]+)[\w.]*'/,
    message: (m) => `${m[1]} is imported but not installed`,
    hint: (m) =>
      `add it to requirements.txt (the package name can differ from the import name, e.g. yaml → PyYAML); if ${m[1]} is the project's own code, check the working directory and PYTHONPATH`,
  },
  {
    cause: "missing-env",
    pattern:
      /KeyError: '([A-Z][A-Z0-9_]*)'|Set the ([A-Z][A-Z0-9_]*) environment variable|The (SECRET_KEY) setting must not be empty|ImproperlyConfigured: .*?\b([A-Z][A-Z0-9_]{2,})\b.*environment variable/,
    message: (m) => `the environment variable ${envName(m)} is not set`,
    hint: (m) =>
      `pass it to the test container (\`pyship verify IMAGE --env ${envName(m)}=…\`) and set it where the image runs; never bake secrets into the image`,
  },
  {
    // pydantic-settings (FastAPI's usual config) lists each missing field on the next lines.
    cause: "missing-env",
    pattern: /(\d+) validation errors? for (\w*(?:Settings|Config)\w*)/,
    message: (m) =>
      `the settings class ${m[2]} is missing ${m[1]} required value${m[1] === "1" ? "" : "s"} (read from environment variables)`,
    hint: () =>
      "the field names follow in the log; pass each as an environment variable to the test container (`pyship verify IMAGE --env NAME=…`) and where the image runs; never bake secrets into the image",
  },
  {
    cause: "db-not-initialised",
    pattern:
      /no such table: ([\w.]+)|relation "([^"]+)" does not exist|Table '([^']+)' doesn't exist/,
    message: (m) => `the database has no table ${m[1] ?? m[2] ?? m[3]}: it was never migrated`,
    hint: () =>
      "run the migrations before the server starts (a release step, e.g. `docker run IMAGE python manage.py migrate` against the real database); the image holds no database of its own",
  },
  {
    cause: "db-unreachable",
    pattern:
      /connection to server at .* failed: Connection refused|could not connect to server: Connection refused|Can't connect to MySQL server|Error 111 connecting to|(?:OperationalError|ConnectionError|ConnectionRefusedError).*Connection refused/,
    message: () => "the app cannot reach its database (or cache) server: connection refused",
    hint: () =>
      "the server runs outside the image: pass its address to the test container (`pyship verify IMAGE --env DATABASE_URL=…`)",
  },
  {
    cause: "allowed-hosts",
    pattern: /Invalid HTTP_HOST header: '([^']*)'|DisallowedHost|<h1>Bad Request \(400\)<\/h1>/,
    message: (m) =>
      `Django refuses the request's host${m[1] ? ` ${m[1]}` : ""}: it is not in ALLOWED_HOSTS`,
    hint: () => ALLOWED_HOSTS_FIX,
  },
  {
    cause: "port-in-use",
    pattern: /Address already in use|\[Errno 98\]/,
    message: () => "the port the app binds is already in use inside the container",
    hint: () =>
      "two processes bind the same port (a server started at import time, or a second `app.run()`): start exactly one server",
  },
  {
    cause: "localhost-bind",
    pattern:
      /(?:listening at|running on|serving (?:http )?on|serving at|server at)[: ]+(?:https?:\/\/)?(127\.0\.0\.1|localhost)(?::\d+)?/i,
    message: (m) => `the app listens on ${m[1]} only: nothing outside the container can reach it`,
    hint: () =>
      'bind 0.0.0.0 (gunicorn --bind 0.0.0.0:$PORT, uvicorn --host 0.0.0.0, app.run(host="0.0.0.0"))',
  },
  {
    // DEBUG = False sends Django's tracebacks to mail_admins only: the log stays empty.
    cause: "django-hidden-error",
    pattern: /<h1>Server Error \(500\)<\/h1>/,
    message: () => "Django answered 500 and, with DEBUG = False, logged no traceback",
    hint: () =>
      "add a console handler to LOGGING (or run with DEBUG on, e.g. `--env DJANGO_DEBUG=1` if settings read it) to see the error",
  },
];

function envName(match: RegExpExecArray): string {
  return match.slice(1).find((group) => group !== undefined) ?? "?";
}
