export { InventoryError, INVENTORY_ERROR_KINDS, type InventoryErrorCode } from "./errors.js";
export { REFRESH_INVENTORY_JOB, refreshInventoryJob } from "./job-specs.js";
export { lastRefresh, type StoredRefresh } from "./jobs.js";
export {
  CONTACT_COLUMNS,
  MEMBER_COLUMNS,
  type InventoryContact,
  type InventoryMember,
} from "./records.js";
export {
  refreshInventory,
  type RefreshOptions,
  type RefreshPartReport,
  type RefreshReport,
} from "./refresh-inventory.js";
export { streamContacts, streamMembers, type ContactFilter, type MemberFilter } from "./stream.js";
export { contactFilter } from "./use-cases.js";
