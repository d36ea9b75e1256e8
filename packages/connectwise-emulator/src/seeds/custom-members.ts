/**
 * A vendor's own API members, keys, roles, login company and clientIds on top of a seed (the
 * bin's `--api-member`, `--client-id`, `--company-id` and `--seed-file`). Roles are security
 * roles as the emulator enforces them: module → function levels (`None` | `My` | `All`) and
 * a "Customize" list (`/system/mySecurity/customizeItems`). Pure: returns a new seed.
 */
import { z } from "zod";
import type { Entity, SeedApiKey, SeedData } from "../types.js";
import { MODULE_FUNCTIONS, functionKey } from "./module-functions.js";
import {
  ROLE_DEFINITIONS,
  TABLE_SETUP_CUSTOMIZE_ITEMS,
  buildSecurityRoleSettings,
  roleRow,
  type RoleDefinition,
  type Rights,
} from "./security-roles.js";

const level = z.enum(["None", "My", "All"]);

const rightSchema = z
  .object({
    module: z.string().min(1),
    function: z.string().min(1),
    add: level.optional(),
    edit: level.optional(),
    delete: level.optional(),
    inquire: level.optional(),
  })
  .strict();

const customizeItemSchema = z
  .object({ customizeIdentifier: z.string().min(1), itemIdentifier: z.string().min(1) })
  .strict();

const roleSchema = z
  .object({
    name: z.string().min(1).max(30),
    adminFlag: z.boolean().optional(),
    /** `"all"`: every right All; otherwise the listed functions (others None). */
    rights: z.union([z.literal("all"), z.array(rightSchema)]),
    /** Default: the Table Setup columns the vendor guides ask for. */
    customizeItems: z.array(customizeItemSchema).optional(),
  })
  .strict();

const apiMemberSchema = z
  .object({
    identifier: z.string().regex(/^[A-Za-z0-9._-]{1,15}$/, "1-15 letters, digits, '.', '_' or '-'"),
    name: z.string().min(1).max(30).optional(),
    publicKey: z.string().regex(/^[^\s+:]{1,100}$/, "1-100 characters, no spaces, '+' or ':'"),
    privateKey: z.string().regex(/^[^\s:]{1,100}$/, "1-100 characters, no spaces or ':'"),
    /** A role name: seeded or from `roles` (default "cwbridge Integration"). */
    role: z.string().min(1).optional(),
  })
  .strict();

/** The `--seed-file` JSON (every part optional). */
export const customMembersSchema = z
  .object({
    companyId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,50}$/, "1-50 letters, digits, '_' or '-'")
      .optional(),
    clientIds: z.array(z.uuid()).optional(),
    roles: z.array(roleSchema).optional(),
    apiMembers: z.array(apiMemberSchema).optional(),
  })
  .strict();

/** What {@link withCustomMembers} adds to a seed. */
export type CustomMembers = z.infer<typeof customMembersSchema>;

/** One API member to add. */
export type CustomApiMember = z.infer<typeof apiMemberSchema>;

/** A problem with the custom members (the bin prints it and exits 2). */
export class CustomMembersError extends Error {
  override readonly name = "CustomMembersError";
}

const DEFAULT_ROLE = "cwbridge Integration";

function rightsOf(role: z.infer<typeof roleSchema>): RoleDefinition["rights"] {
  if (role.rights === "all") return "all";
  const known = new Map(
    MODULE_FUNCTIONS.map((f) => [functionKey(f.moduleName, f.moduleFunctionName).toLowerCase(), f]),
  );
  const out: Record<string, Rights> = {};
  for (const right of role.rights) {
    const found = known.get(functionKey(right.module, right.function).toLowerCase());
    if (found === undefined) {
      const list = MODULE_FUNCTIONS.map((f) => `${f.moduleName} → ${f.moduleFunctionName}`);
      throw new CustomMembersError(
        `role '${role.name}': unknown module function '${right.module} → ${right.function}' (known: ${list.join(", ")})`,
      );
    }
    const levels: { -readonly [K in keyof Rights]: Rights[K] } = {};
    for (const kind of ["add", "edit", "delete", "inquire"] as const) {
      const value = right[kind];
      if (value !== undefined) levels[kind] = value;
    }
    out[functionKey(found.moduleName, found.moduleFunctionName)] = levels;
  }
  return out;
}

const maxId = (rows: readonly Entity[] | undefined): number =>
  (rows ?? []).reduce((max, row) => Math.max(max, row.id), 0);

function addRoles(seed: SeedData, roles: CustomMembers["roles"]): Map<string, Entity> {
  const rows = [...(seed.tables.securityRoles ?? [])];
  const byName = new Map(rows.map((row) => [String(row["name"]).toLowerCase(), row]));
  let nextId = Math.max(maxId(rows), ROLE_DEFINITIONS.length) + 1;
  for (const role of roles ?? []) {
    if (byName.has(role.name.toLowerCase()))
      throw new CustomMembersError(`role '${role.name}' already exists`);
    const definition: RoleDefinition = {
      id: nextId,
      name: role.name,
      adminFlag: role.adminFlag ?? role.rights === "all",
      rights: rightsOf(role),
      customizeItems: role.customizeItems ?? TABLE_SETUP_CUSTOMIZE_ITEMS,
    };
    nextId += 1;
    byName.set(role.name.toLowerCase(), { ...roleRow(definition), definition });
  }
  return byName;
}

function memberRow(seed: SeedData, member: CustomApiMember, role: Entity, id: number): Entity {
  const template = seed.tables.apiMembers?.[0];
  const copy = (field: string): Record<string, unknown> =>
    template?.[field] === undefined ? {} : { [field]: template[field] };
  return {
    id,
    identifier: member.identifier,
    name: member.name ?? member.identifier,
    licenseClass: "A",
    inactiveFlag: false,
    securityRole: { id: role.id, name: role["name"] },
    ...copy("defaultLocation"),
    ...copy("defaultDepartment"),
    ...copy("serviceDefaultBoard"),
    notes: "API member added on the command line or from a seed file.",
  };
}

/**
 * The seed with the custom login company, clientIds, roles and API members added. Throws
 * {@link CustomMembersError} on an unknown role or function, or a duplicate identifier/key.
 *
 * @example
 * withCustomMembers(demoSeed(), { apiMembers: [{ identifier: "vendor", publicKey: "pub", privateKey: "priv" }] });
 */
export function withCustomMembers(seed: SeedData, custom: CustomMembers): SeedData {
  const roles = addRoles(seed, custom.roles);
  const added = [...roles.values()].filter((row) => row["definition"] !== undefined);
  const apiMembers = [...(seed.tables.apiMembers ?? [])];
  const apiKeys: SeedApiKey[] = [...seed.apiKeys];
  const taken = new Set(
    [...apiMembers, ...(seed.tables.members ?? [])].map((row) =>
      String(row["identifier"]).toLowerCase(),
    ),
  );
  let nextId = maxId(apiMembers) + 1;
  for (const member of custom.apiMembers ?? []) {
    const roleName = member.role ?? DEFAULT_ROLE;
    const role = roles.get(roleName.toLowerCase());
    if (role === undefined) {
      const names = [...roles.values()].map((row) => String(row["name"]));
      throw new CustomMembersError(
        `API member '${member.identifier}': unknown role '${roleName}' (roles: ${names.join(", ")})`,
      );
    }
    if (taken.has(member.identifier.toLowerCase()))
      throw new CustomMembersError(`member '${member.identifier}' already exists`);
    if (apiKeys.some((key) => key.publicKey === member.publicKey))
      throw new CustomMembersError(`API member '${member.identifier}': public key already in use`);
    taken.add(member.identifier.toLowerCase());
    apiMembers.push(memberRow(seed, member, role, nextId));
    nextId += 1;
    apiKeys.push({
      publicKey: member.publicKey,
      privateKey: member.privateKey,
      memberIdentifier: member.identifier,
    });
  }
  const definitions = added.map((row) => row["definition"] as RoleDefinition);
  return {
    ...seed,
    companyId: custom.companyId ?? seed.companyId,
    clientIds: [...new Set([...seed.clientIds, ...(custom.clientIds ?? [])])],
    apiKeys,
    tables: {
      ...seed.tables,
      apiMembers,
      securityRoles: [
        ...(seed.tables.securityRoles ?? []),
        ...definitions.map((definition) => roleRow(definition)),
      ],
      securityRoleSettings: [
        ...(seed.tables.securityRoleSettings ?? []),
        ...buildSecurityRoleSettings(definitions),
      ],
    },
  };
}

/**
 * Parses one `--api-member identifier+publicKey+privateKey[+role]` value.
 *
 * @example
 * parseApiMemberFlag("vendor+pubKey+privKey+Limited API"); // { identifier: "vendor", ..., role: "Limited API" }
 */
export function parseApiMemberFlag(value: string): CustomApiMember {
  const parts = value.split("+");
  if (parts.length < 3 || parts.length > 4 || parts.some((part) => part.trim() === "")) {
    throw new CustomMembersError(
      `--api-member must be identifier+publicKey+privateKey[+role] (got "${value}")`,
    );
  }
  const [identifier, publicKey, privateKey, role] = parts.map((part) => part.trim());
  const parsed = apiMemberSchema.safeParse({ identifier, publicKey, privateKey, role });
  if (!parsed.success) throw new CustomMembersError(`--api-member: ${describe(parsed.error)}`);
  return parsed.data;
}

/**
 * Human text of a zod error (`path: message; ...`).
 *
 * @example
 * describe(customMembersSchema.safeParse({ nope: 1 }).error!);
 */
export function describe(error: z.ZodError): string {
  return error.issues
    .map((entry) => `${entry.path.length > 0 ? `${entry.path.join(".")}: ` : ""}${entry.message}`)
    .join("; ");
}
