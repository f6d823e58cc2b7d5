// STUB — replaced by the helper that owns `pyship plan`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerPlan: Register = (program, _ctx, _done) => {
  program
    .command("plan")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship plan is not implemented yet");
    });
};
