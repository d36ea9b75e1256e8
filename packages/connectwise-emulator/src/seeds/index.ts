export { demoSeed, type DemoSeedOptions } from "./demo.js";
export { emptySeed } from "./empty.js";
export { resolveSeed, type SeedName } from "./resolve-seed.js";
export {
  DEMO_KEYS,
  MSP_COMPANY,
  SEED_CLIENT_IDS,
  SEED_CODEBASE,
  SEED_COMPANY_ID,
  SEED_NOW,
} from "./constants.js";
export { MODULE_FUNCTIONS, functionKey, type ModuleFunction } from "./module-functions.js";
export {
  CWBRIDGE_RIGHTS,
  LIMITED_API_RIGHTS,
  ROLE_IDS,
  type Level,
  type Rights,
} from "./security-roles.js";
export { BOARD_IDS } from "./service-boards.js";
export { MEMBER_IDENTIFIERS } from "./members.js";
export {
  CustomMembersError,
  customMembersSchema,
  withCustomMembers,
  type CustomApiMember,
  type CustomMembers,
} from "./custom-members.js";
export { TABLE_SETUP_CUSTOMIZE_ITEMS, type CustomizeItem } from "./security-roles.js";
