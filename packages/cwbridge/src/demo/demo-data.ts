/**
 * The demo source's data, written against the emulator's `demo` seed: ten customers (most match
 * a demo company by identifier or name, one only fuzzily → review, one not at all) and thirty
 * devices (five carry the serial numbers of existing demo configurations → adopted, the rest
 * are created).
 */

/** Names the demo uses in the data dir. */
export const DEMO_NAMES = { connection: "demo-emulator", source: "demo" } as const;

/** A demo customer (the customers-push shape). */
export interface DemoCustomer {
  readonly id: string;
  readonly name: string;
  readonly identifier?: string;
}

/** The demo customers. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { id: "org-acme", name: "Acme Corporation", identifier: "AcmeCorp" },
  { id: "org-globex", name: "Globex, Inc.", identifier: "Globex" },
  { id: "org-initech", name: "Initech LLC" },
  { id: "org-umbrella", name: "Umbrella Corp." },
  { id: "org-stark", name: "Stark Industries" },
  { id: "org-contoso", name: "Contoso Ltd" },
  { id: "org-wayne", name: "Wayne Enterprises Inc" },
  { id: "org-hooli", name: "Hooli" },
  { id: "org-dunder", name: "Dunder Miflin Papers" },
  { id: "org-piedpiper", name: "Pied Piper" },
];

/** A demo device (the push-devices shape). */
export interface DemoDevice {
  readonly externalId: string;
  readonly customerId: string;
  readonly name: string;
  readonly type: string;
  readonly serialNumber?: string;
  readonly ipAddress?: string;
  readonly osType?: string;
}

/** Devices whose serials match existing demo configurations (adopted, not duplicated). */
const ADOPTED: readonly DemoDevice[] = [
  {
    externalId: "rmm-acme-ws-001",
    customerId: "org-acme",
    name: "ACME-WS-001",
    type: "Managed Workstation",
    serialNumber: "5CG1234ABC",
    osType: "Windows 11 Pro",
  },
  {
    externalId: "rmm-acme-srv-01",
    customerId: "org-acme",
    name: "ACME-SRV-01",
    type: "Managed Server",
    serialNumber: "CZJ9876XYZ",
    osType: "Windows Server 2022",
  },
  {
    externalId: "rmm-globex-fw-01",
    customerId: "org-globex",
    name: "FW-01",
    type: "Firewall",
    serialNumber: "FGT60FTK20005678",
  },
  {
    externalId: "rmm-umb-dc1",
    customerId: "org-umbrella",
    name: "UMB-SRV-DC1",
    type: "Managed Server",
    serialNumber: "UMB-SRV-0001",
    osType: "Windows Server 2012 R2",
  },
  {
    externalId: "rmm-contoso-prn",
    customerId: "org-contoso",
    name: "CONTOSO-PRN-2F",
    type: "Printer",
    serialNumber: "VNB3K12345",
  },
];

const NEW_DEVICE_CUSTOMERS = [
  "org-acme",
  "org-globex",
  "org-initech",
  "org-umbrella",
  "org-stark",
  "org-contoso",
  "org-wayne",
  "org-hooli",
  "org-dunder",
  "org-piedpiper",
] as const;

function newDevices(): DemoDevice[] {
  const devices: DemoDevice[] = [];
  for (let i = 0; devices.length < 25; i++) {
    const customerId = NEW_DEVICE_CUSTOMERS[i % NEW_DEVICE_CUSTOMERS.length] ?? "org-acme";
    const prefix = customerId.slice(4, 9).toUpperCase();
    const n = String(Math.floor(i / NEW_DEVICE_CUSTOMERS.length) + 1).padStart(2, "0");
    devices.push({
      externalId: `rmm-${customerId.slice(4)}-ws-${n}`,
      customerId,
      name: `${prefix}-LT-${n}`,
      type: "Managed Workstation",
      serialNumber: `DEMO${prefix}${n}${i}`,
      ipAddress: `10.20.${i}.${10 + (i % 200)}`,
      osType: "Windows 11 Pro",
    });
  }
  return devices;
}

/** The thirty demo devices. */
export const DEMO_DEVICES: readonly DemoDevice[] = [...ADOPTED, ...newDevices()];

/** The device the demo alert fires on (adopted ACME-WS-001). */
export const DEMO_ALERT_DEVICE = ADOPTED[0] as DemoDevice;
