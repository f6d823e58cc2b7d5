/*
 * What serves HTTP beyond the classic app objects: a script and a console script that start
 * their own server (bound to 0.0.0.0:PORT by the plan, not by editing the code), a framework
 * pyship learned (Falcon), and a Dash dashboard served through its Flask server. Each is built
 * with `pyship build` and must answer GET / with `hello from <name>` through a published port.
 */
import { afterAll, it } from "vitest";
import { describeE2e } from "./engine.js";
import { removeImages } from "./pyship-cli.js";
import { expectWebFixtureServes } from "./web-fixture.js";

const SERVING_FIXTURES = [
  "http-server-script",
  "uvicorn-console-script",
  "falcon-app",
  "dash-app",
  "sanic-app",
  "aiohttp-app",
  // a factory that needs its settings: run by its own main(), host forced from the config's loopback
  "aiohttp-config-main",
];

describeE2e("pyship build + verify: what serves HTTP", (engine) => {
  const tags: string[] = [];
  afterAll(() => removeImages(engine, tags));

  it.each(SERVING_FIXTURES)("%s answers on its published port", (name) =>
    expectWebFixtureServes(engine, name, tags),
  );
});
