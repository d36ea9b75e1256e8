export * from "./errors.js";
export * from "./keyring.js";
export * from "./key-file.js";
export * from "./envelope.js";
export * from "./redact.js";
