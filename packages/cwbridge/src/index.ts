/**
 * `cwbridge` as a library (for vendors embedding it): configuration, the engine, every
 * service, and the CLI entry. The CLI and `npm start` use exactly these.
 *
 * @example
 * import { createEngine, loadConfig, addConnection, cliJobHandlers } from "cwbridge";
 * const engine = await createEngine({ config: loadConfig({ env: process.env }), handlers: cliJobHandlers() });
 * await addConnection(engine.ctx, { name: "acme", site: "na", companyId: "acme", publicKey, privateKey, clientId });
 */
export { ConfigError, loadConfig, parseConfig, type Config, type ConfigFlags } from "./config.js";
export { createEngine, type CreateEngineOptions, type Engine } from "./engine/create-engine.js";
export type { EngineContext, JobHandler, JobHandlers } from "./engine/context.js";
export * from "./services/connections/index.js";
export * from "./services/permissions/index.js";
export * from "./services/sources/index.js";
export * from "./services/customers/index.js";
export * from "./services/devices/index.js";
export * from "./services/alerts/index.js";
export * from "./services/events/index.js";
export * from "./services/keys/index.js";
export { cliJobHandlers } from "./cli/job-handlers.js";
export { runCli, type RunCliOptions } from "./cli/run-cli.js";
export { EXIT, type ExitCode } from "./cli/exit-codes.js";
export { processIo, type CliIo } from "./cli/io.js";
