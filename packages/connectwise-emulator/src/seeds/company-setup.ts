/**
 * Company setup tables: company types and company statuses.
 */
import type { Entity } from "../types.js";

/**
 * The `companyTypes` rows: Customer (default), Prospect (service alert), Vendor (vendorFlag),
 * Partner, Owner.
 *
 * @example
 * buildCompanyTypes().find((row) => row["vendorFlag"])?.name; // "Vendor"
 */
export function buildCompanyTypes(): Entity[] {
  return [
    { id: 1, name: "Customer", defaultFlag: true, vendorFlag: false, serviceAlertFlag: false },
    {
      id: 2,
      name: "Prospect",
      defaultFlag: false,
      vendorFlag: false,
      serviceAlertFlag: true,
      serviceAlertMessage: "Prospect: confirm an agreement before doing billable work.",
    },
    { id: 3, name: "Vendor", defaultFlag: false, vendorFlag: true, serviceAlertFlag: false },
    { id: 4, name: "Partner", defaultFlag: false, vendorFlag: false, serviceAlertFlag: false },
    { id: 5, name: "Owner", defaultFlag: false, vendorFlag: false, serviceAlertFlag: false },
  ];
}

const status = (id: number, name: string, flags: Record<string, unknown> = {}): Entity => ({
  id,
  name,
  defaultFlag: false,
  inactiveFlag: false,
  notifyFlag: false,
  disallowSavingFlag: false,
  customNoteFlag: false,
  cancelOpenTracksFlag: false,
  ...flags,
});

/**
 * The `companyStatuses` rows: Active (default), Inactive, Not-Approved, Credit Hold.
 *
 * @example
 * buildCompanyStatuses().find((row) => row["disallowSavingFlag"])?.name; // "Credit Hold"
 */
export function buildCompanyStatuses(): Entity[] {
  return [
    status(1, "Active", { defaultFlag: true }),
    status(2, "Inactive", { inactiveFlag: true }),
    status(3, "Not-Approved", {
      notifyFlag: true,
      notificationMessage: "This company has not been approved yet.",
    }),
    status(4, "Credit Hold", {
      notifyFlag: true,
      disallowSavingFlag: true,
      notificationMessage: "Credit hold: contact Finance before doing any work.",
    }),
  ];
}
