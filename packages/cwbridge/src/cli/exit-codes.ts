/**
 * The CLI's exit codes (documented in docs/cli.md); they live in `core/exit-codes.ts` since
 * `npm start` and the worker process exit with them too.
 */
export { EXIT, type ExitCode } from "../core/exit-codes.js";
