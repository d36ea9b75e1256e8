/**
 * Master-key rotation (`cwbridge keys rotate`).
 *
 * Key file (`<dataDir>/master.key`): a new random key is added and made active, and the file
 * is written (old keys kept); the engine's context switches to it; every stored secret
 * (connections' private keys and clientIds) is re-encrypted under the new key in ONE
 * transaction; then, unless `retireOld: false`, the old keys are removed from the file. A
 * crash at any point leaves every token decryptable (the old key stays until the transaction
 * has committed); running the rotation again finishes the job.
 *
 * Env-provided keyring (`CWBRIDGE_MASTER_KEY`): cwbridge cannot write it, so no key is added:
 * put a keyring JSON with a new active key (old keys kept) in the environment, restart, and
 * run the rotation to re-encrypt every secret under that active key; then drop the old keys.
 *
 * The keyring is the installation's, not a tenant's: a rotation (from any tenant's context)
 * re-encrypts the secrets of every tenant, each through its own tenant-scoped handle, so no
 * tenant is left with secrets only a retired key opens. Other processes sharing the database
 * reload the key file when they meet an unknown key id.
 */
import type { Logger } from "pino";
import { secretAad, type ConnectionSecretField } from "../../connectwise/connection-secrets.js";
import type { AppContext } from "../../core/context.js";
import { replaceKeyring } from "../../core/keyring-cell.js";
import {
  keyFilePath,
  parseSecretToken,
  readKeyFile,
  reencrypt,
  rotateKeyring,
  writeKeyFile,
  type Keyring,
} from "../../secrets/index.js";
import type { StoreTx } from "../../store/open-store.js";
import { tenantDb, type TenantDb } from "../../store/tenant-scope.js";
import {
  listConnectionSecrets,
  listTenants,
  writeConnectionSecrets,
  type ConnectionSecretRow,
} from "../connections/index.js";
import { KeysError } from "./errors.js";

/** Options of {@link rotateKeys}. */
export interface RotateKeysOptions {
  /** Remove the old keys from the key file once everything is re-encrypted (default true). */
  readonly retireOld?: boolean;
}

/** What a rotation did. */
export interface RotationReport {
  /** The active key id now. */
  readonly activeKeyId: string;
  readonly source: "file" | "env";
  /** Secrets re-encrypted (two per connection). */
  readonly reencrypted: number;
  /** Key ids removed from the key file. */
  readonly retired: readonly string[];
}

const FIELDS: readonly {
  readonly column: "private_key_enc" | "client_id";
  readonly field: ConnectionSecretField;
}[] = [
  { column: "private_key_enc", field: "privateKey" },
  { column: "client_id", field: "clientId" },
];

/**
 * Rotates the master key and re-encrypts every stored secret (see the module comment).
 *
 * @example
 * const { activeKeyId, reencrypted } = await rotateKeys(ctx);
 */
export async function rotateKeys(
  ctx: AppContext,
  options: RotateKeysOptions = {},
): Promise<RotationReport> {
  if (ctx.config.masterKey !== undefined) {
    const reencrypted = await reencryptAll(ctx, ctx.keyring);
    ctx.log.info(
      { activeKeyId: ctx.keyring.active, reencrypted },
      "secrets re-encrypted under the env keyring's active key",
    );
    return { activeKeyId: ctx.keyring.active, source: "env", reencrypted, retired: [] };
  }
  const path = keyFilePath(ctx.config.dataDir);
  const fileOptions = { allowInsecurePermissions: ctx.config.allowInsecureKeyFile };
  const current = (await readKeyFile(path, fileOptions)) ?? ctx.keyring;
  const merged = mergeKeyrings(current, ctx.keyring);
  const { keyring: rotated, keyId } = rotateKeyring(merged);
  await writeKeyFile(path, rotated);
  use(ctx, rotated);
  const reencrypted = await reencryptAll(ctx, rotated);
  const retired =
    options.retireOld === false ? [] : [...rotated.keys.keys()].filter((id) => id !== keyId);
  if (retired.length > 0) {
    const key = rotated.keys.get(keyId);
    if (key === undefined)
      throw new KeysError("CWB_ERR_KEYS_ROTATION_FAILED", "the new key vanished");
    const slim: Keyring = { active: keyId, keys: new Map([[keyId, key]]) };
    await writeKeyFile(path, slim);
    use(ctx, slim);
  }
  logRotation(ctx.log, keyId, reencrypted, retired);
  return { activeKeyId: keyId, source: "file", reencrypted, retired };
}

/**
 * Counts stored secrets per key id, over every tenant (to see whether a rotation is complete).
 *
 * @example
 * await secretsByKey(ctx); // { "k20261122-9f1c2ab0": 4 }
 */
export async function secretsByKey(ctx: AppContext): Promise<Record<string, number>> {
  const rows = await ctx.scope.transaction((tx) => everyTenantSecrets(tx.storeTx));
  const counts: Record<string, number> = {};
  for (const row of rows) {
    for (const token of [row.private_key_enc, row.client_id]) {
      const { keyId } = parseSecretToken(token);
      counts[keyId] = (counts[keyId] ?? 0) + 1;
    }
  }
  return counts;
}

async function reencryptAll(ctx: AppContext, keyring: Keyring): Promise<number> {
  try {
    return await ctx.scope.transaction((tx) => reencryptEveryTenant(tx.storeTx, keyring));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new KeysError(
      "CWB_ERR_KEYS_ROTATION_FAILED",
      `re-encryption failed and was rolled back; every secret is still readable with the old key (${
        typeof code === "string" ? code : "error"
      }). Fix the cause and run the rotation again.`,
      { cause: error },
    );
  }
}

async function everyTenantSecrets(tx: StoreTx): Promise<ConnectionSecretRow[]> {
  const rows: ConnectionSecretRow[] = [];
  for (const tenant of await listTenants(tx)) {
    rows.push(...(await listConnectionSecrets(tenantDb(tx, tenant))));
  }
  return rows;
}

async function reencryptEveryTenant(tx: StoreTx, keyring: Keyring): Promise<number> {
  let count = 0;
  for (const tenant of await listTenants(tx)) {
    count += await reencryptConnections(tenantDb(tx, tenant), keyring);
  }
  return count;
}

async function reencryptConnections(db: TenantDb, keyring: Keyring): Promise<number> {
  let count = 0;
  for (const row of await listConnectionSecrets(db)) {
    const sealed = { ...row };
    for (const { column, field } of FIELDS) {
      sealed[column] = reencrypt(keyring, row[column], secretAad(row.id, field));
      count++;
    }
    await writeConnectionSecrets(db, sealed);
  }
  return count;
}

function mergeKeyrings(file: Keyring, memory: Keyring): Keyring {
  const keys = new Map(memory.keys);
  for (const [id, key] of file.keys) keys.set(id, key);
  return { active: file.active, keys };
}

function use(ctx: AppContext, keyring: Keyring): void {
  replaceKeyring(ctx, keyring);
}

function logRotation(
  log: Logger,
  keyId: string,
  reencrypted: number,
  retired: readonly string[],
): void {
  log.info({ activeKeyId: keyId, reencrypted, retired }, "master key rotated");
}
