/*
 * PY607: `ENV KEY value`, the legacy form. One key per instruction, the value runs to the end
 * of the line, spaces included, which is easy to misread (`ENV A b C=d` sets A to "b C=d");
 * BuildKit warns about it. Rewritten to KEY=value when the value needs no escaping.
 */

import { msg } from "../../i18n/message.js";
import { type InstructionModel, type Rule, type RuleFinding, textOf } from "../model.js";
import { replaceRange } from "../rule-kit.js";

interface LegacyProperty {
  getName(): string;
  getRange(): RuleFinding["range"];
  getValueRange(): RuleFinding["range"] | null;
  getAssignmentOperator(): string | null;
}

export const legacyEnvForm: Rule = (model) =>
  model.instructions
    .filter((instruction) => instruction.keyword === "ENV")
    .flatMap((instruction): RuleFinding[] => {
      const property = legacyProperty(instruction);
      const valueRange = property?.getValueRange();
      if (!property || !valueRange) return [];
      const raw = textOf(model, valueRange);
      const value = /^[^\s"'\\$`]*$/.test(raw)
        ? raw
        : /^[^"'\\$`\n]+$/.test(raw)
          ? `"${raw}"`
          : null;
      const name = property.getName();
      const rewritten = `${name}=${value ?? "…"}`;
      return [
        {
          code: "PY607",
          range: instruction.range,
          vars: { name },
          fix:
            value !== null
              ? {
                  safe: true,
                  description: `ENV ${rewritten}`,
                  edits: [replaceRange(property.getRange(), rewritten)],
                }
              : { safe: false, description: msg("lint.fix.envForm", { name }), edits: [] },
        },
      ];
    });

function legacyProperty(instruction: InstructionModel): LegacyProperty | null {
  const node = instruction.node as unknown as { getProperties?: () => LegacyProperty[] };
  const properties = node.getProperties?.() ?? [];
  const first = properties[0];
  return properties.length === 1 && first && first.getAssignmentOperator() === null ? first : null;
}
