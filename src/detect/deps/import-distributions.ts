/*
 * Import name → the PyPI distribution that provides it, for the names where the two differ
 * (PEP 503 normalization aside: `flask_cors` already means Flask-Cors). Any import not
 * listed installs under its own name. Keys are dotted prefixes for namespace packages
 * (`google.protobuf`); the longest matching prefix wins, so `google.cloud.storage` is
 * found before a shorter key would be. Containers have no display: OpenCV is the headless
 * build, psycopg2 the binary wheel (no compiler, no libpq headers needed).
 */
import { normalizeName } from "../../core/package-name.js";

const DISTRIBUTIONS: Readonly<Record<string, string>> = {
  // same name, written as the project spells it
  flask: "Flask",
  // images, data, science
  PIL: "pillow",
  cv2: "opencv-python-headless",
  sklearn: "scikit-learn",
  skimage: "scikit-image",
  mpl_toolkits: "matplotlib",
  Bio: "biopython",
  osgeo: "GDAL",
  faiss: "faiss-cpu",
  fitz: "PyMuPDF",
  fpdf: "fpdf2",
  docx: "python-docx",
  pptx: "python-pptx",
  // parsing, formats, text
  yaml: "PyYAML",
  bs4: "beautifulsoup4",
  dateutil: "python-dateutil",
  attr: "attrs",
  "ruamel.yaml": "ruamel.yaml",
  markdown_it: "markdown-it-py",
  pythonjsonlogger: "python-json-logger",
  slugify: "python-slugify",
  magic: "python-magic",
  Levenshtein: "levenshtein",
  speech_recognition: "SpeechRecognition",
  pkg_resources: "setuptools",
  // web, config, security
  dotenv: "python-dotenv",
  decouple: "python-decouple",
  jwt: "PyJWT",
  jose: "python-jose",
  multipart: "python-multipart",
  socketio: "python-socketio",
  engineio: "python-engineio",
  OpenSSL: "pyOpenSSL",
  Crypto: "pycryptodome",
  Cryptodome: "pycryptodomex",
  nacl: "PyNaCl",
  argon2: "argon2-cffi",
  socks: "PySocks",
  websocket: "websocket-client",
  googleapiclient: "google-api-python-client",
  "google.protobuf": "protobuf",
  "google.auth": "google-auth",
  "google.oauth2": "google-auth",
  "google.cloud.storage": "google-cloud-storage",
  "google.cloud.bigquery": "google-cloud-bigquery",
  "google.cloud.firestore": "google-cloud-firestore",
  "google.cloud.pubsub": "google-cloud-pubsub",
  "google.cloud.pubsub_v1": "google-cloud-pubsub",
  "google.cloud.secretmanager": "google-cloud-secret-manager",
  "google.generativeai": "google-generativeai",
  "google.genai": "google-genai",
  "azure.storage.blob": "azure-storage-blob",
  "azure.identity": "azure-identity",
  // Django apps
  rest_framework: "djangorestframework",
  rest_framework_simplejwt: "djangorestframework-simplejwt",
  corsheaders: "django-cors-headers",
  debug_toolbar: "django-debug-toolbar",
  environ: "django-environ",
  crispy_forms: "django-crispy-forms",
  storages: "django-storages",
  django_filters: "django-filter",
  allauth: "django-allauth",
  // databases, queues, services
  psycopg2: "psycopg2-binary",
  psycopg: "psycopg[binary]",
  MySQLdb: "mysqlclient",
  "mysql.connector": "mysql-connector-python",
  bson: "pymongo",
  gridfs: "pymongo",
  memcache: "python-memcached",
  kafka: "kafka-python",
  zmq: "pyzmq",
  grpc: "grpcio",
  grpc_tools: "grpcio-tools",
  "paho.mqtt": "paho-mqtt",
  snowflake: "snowflake-connector-python",
  ldap: "python-ldap",
  dns: "dnspython",
  git: "GitPython",
  github: "PyGithub",
  serial: "pyserial",
  usb: "pyusb",
  // bots and clients
  telegram: "python-telegram-bot",
  telebot: "pyTelegramBotAPI",
  discord: "discord.py",
  slack: "slackclient",
  whisper: "openai-whisper",
  ffmpeg: "ffmpeg-python",
  vlc: "python-vlc",
  nmap: "python-nmap",
};

/** Longest keys first, so the most specific namespace entry wins. */
const PREFIXES = Object.keys(DISTRIBUTIONS).sort((a, b) => b.length - a.length);

/** The distribution to install for an absolute import, e.g. `google.protobuf.message` → protobuf. */
export function distributionFor(module: string): string {
  const key = PREFIXES.find((prefix) => module === prefix || module.startsWith(`${prefix}.`));
  return key === undefined ? (module.split(".")[0] as string) : (DISTRIBUTIONS[key] as string);
}

/** PEP 503 name of a pip spec with extras (`psycopg[binary]` → psycopg). */
export function distributionName(spec: string): string {
  return normalizeName(spec.replace(/\[.*$/, ""));
}
