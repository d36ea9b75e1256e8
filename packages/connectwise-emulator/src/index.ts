export { createEmulator, IN_PROCESS_URL } from "./create-emulator.js";
export { signCallbackBody, callbackUrl } from "./callbacks.js";
export { createRandom, type Random } from "./prng.js";
export { PERMISSIONS, RESOURCES } from "./resources.js";
export type { ResourceDef, Operation, Permission } from "./resource-def.js";
export type {
  Clock,
  Emulator,
  EmulatorCredentials,
  EmulatorOptions,
  Entity,
  FaultProfile,
  LedgerEntry,
  ListenOptions,
  SeedApiKey,
  SeedData,
  TableName,
} from "./types.js";
export * from "./seeds/index.js";
