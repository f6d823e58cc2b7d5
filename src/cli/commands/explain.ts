// STUB — replaced by the helper that owns `pyship explain`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerExplain: Register = (program, _ctx, _done) => {
  program
    .command("explain")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship explain is not implemented yet");
    });
};
