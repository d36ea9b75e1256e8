/**
 * `cwbridge` as a library (for vendors embedding it): configuration, the engine, every
 * service, and the CLI entry. The CLI and `npm start` use exactly these.
 *
 * @example
 * import { openApp, loadConfig, addConnection } from "cwbridge";
 * const app = await openApp({ config: loadConfig({ env: process.env }) });
 * await addConnection(app.ctx, { name: "acme", site: "na", companyId: "acme", publicKey, privateKey, clientId });
 */
export { ConfigError, loadConfig, parseConfig, type Config, type ConfigFlags } from "./config.js";
export { openApp, type OpenAppOptions, type App } from "./app/open-app.js";
export type { AppContext, JobHandler, JobHandlers } from "./core/context.js";
export { AppError, type AppIssue, type ErrorKind } from "./core/app-error.js";
export { ERROR_KINDS, errorKindOf, httpStatusOf } from "./core/error-kinds.js";
export * from "./features/connections/index.js";
export * from "./features/permissions/index.js";
export * from "./features/sources/index.js";
export * from "./features/customers/index.js";
export * from "./features/devices/index.js";
export * from "./features/alerts/index.js";
export * from "./features/events/index.js";
export * from "./features/keys/index.js";
export { appJobHandlers } from "./app/features.js";
export { runCli, type RunCliOptions } from "./cli/run-cli.js";
export { EXIT, type ExitCode } from "./cli/exit-codes.js";
export { processIo, type CliIo } from "./cli/io.js";
