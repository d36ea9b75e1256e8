export { KeysError, type KeysErrorCode } from "./errors.js";
export {
  rotateKeys,
  secretsByKey,
  type RotateKeysOptions,
  type RotationReport,
} from "./rotate-keys.js";
