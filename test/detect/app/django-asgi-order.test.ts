/*
 * Which Django ASGI modules import the project's code before Django is set up: one row per
 * shape of Channels' asgi.py seen in tutorials, read from the syntax tree (a docstring that
 * names get_asgi_application() is no call).
 */
import { describe, expect, it } from "vitest";
import type { EntrypointCandidate } from "../../../src/core/pipeline.js";
import { djangoImportsEarly } from "../../../src/detect/app/django-asgi-order.js";
import { candidate } from "../../plan/make-facts.js";
import { memoryFiles } from "./memory-files.js";

const ASGI = candidate("asgi", "core.asgi:application", "django", "core/settings.py", 73);
const CHAT = { "chat/__init__.py": "", "chat/routing.py": "" };
const ROUTER = 'application = ProtocolTypeRouter({"http": get_asgi_application()})\n';

type Row = [string, Record<string, string>, EntrypointCandidate, string | null];

const ROWS: Row[] = [
  [
    "TestDriven's: the routing imported above get_asgi_application()",
    {
      ...CHAT,
      "core/asgi.py": `import os\n\nfrom channels.routing import ProtocolTypeRouter\nfrom django.core.asgi import get_asgi_application\n\nimport chat.routing\n\n${ROUTER}`,
    },
    ASGI,
    "core/asgi.py:6",
  ],
  [
    "Channels' docs: get_asgi_application() first, the routing after",
    {
      ...CHAT,
      "core/asgi.py": `from django.core.asgi import get_asgi_application\n\ndjango_asgi_app = get_asgi_application()\n\nfrom chat.routing import websocket_urlpatterns\n`,
    },
    ASGI,
    null,
  ],
  [
    "a relative import above the call counts too",
    {
      "core/asgi.py": `from django.core.asgi import get_asgi_application\nfrom .consumers import Echo\n${ROUTER}`,
    },
    ASGI,
    "core/asgi.py:2",
  ],
  [
    "a docstring naming get_asgi_application() is no call",
    {
      ...CHAT,
      "core/asgi.py": `"""Call get_asgi_application() first."""\nimport chat.routing\nfrom django.core.asgi import get_asgi_application\n${ROUTER}`,
    },
    ASGI,
    "core/asgi.py:2",
  ],
  [
    "only third-party imports above the call",
    { "core/asgi.py": `import os\nfrom channels.auth import AuthMiddlewareStack\n${ROUTER}` },
    ASGI,
    null,
  ],
  [
    "a WSGI Django app is not read",
    { ...CHAT, "core/wsgi.py": "import chat.routing\nget_wsgi_application()\n" },
    candidate("wsgi", "core.wsgi:application", "django", "core/settings.py", 70),
    null,
  ],
];

describe("djangoImportsEarly", () => {
  it.each(ROWS)("%s", (_label, tree, entry, where) => {
    const found = djangoImportsEarly(memoryFiles(tree), entry);
    expect(found ? `${found.file}:${found.line}` : null).toBe(where);
  });
});
