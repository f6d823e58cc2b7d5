// STUB — replaced by the helper that owns `pyship lint`.
import { PyshipError } from "../../core/errors.js";
import type { Register } from "../main.js";

export const registerLint: Register = (program, _ctx, _done) => {
  program
    .command("lint")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      throw new PyshipError("E_INTERNAL", "pyship lint is not implemented yet");
    });
};
