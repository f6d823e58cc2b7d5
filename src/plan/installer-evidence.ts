/*
 * Detect says how a manifest installs before the plan picks the installer, so its evidence
 * names pip (`{tool}` in the catalog message). Once the plan knows which tool runs in the
 * build (uv by default), the evidence names that one instead.
 */
import type { Evidence } from "../core/pipeline.js";
import { because, isMessage, type Message, textOf } from "../i18n/message.js";

export function withInstaller(evidence: Evidence, tool: string): Evidence {
  const text = textOf(evidence);
  if (typeof text === "string" || !namesTool(text)) return evidence;
  return { ...evidence, ...because(setTool(text, tool)) };
}

function namesTool(message: Message): boolean {
  return Object.entries(message.params).some(
    ([name, value]) => name === "tool" || (isMessage(value) && namesTool(value)),
  );
}

function setTool(message: Message, tool: string): Message {
  const params = Object.fromEntries(
    Object.entries(message.params).map(([name, value]) => [
      name,
      name === "tool" ? tool : isMessage(value) ? setTool(value, tool) : value,
    ]),
  );
  return { key: message.key, params };
}
