/**
 * The only I/O of the secrets module: reading, creating and rewriting `<dataDir>/master.key`.
 * The file holds a keyring JSON document and must not be readable by group or others.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, stat, readFile, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { SecretsError } from "./errors.js";
import {
  createKeyring,
  keyringFromJson,
  keyringFromMasterKey,
  keyringToJson,
  rotateKeyring,
  type Keyring,
} from "./keyring.js";

/** File name of the keyring inside the data directory. */
export const KEY_FILE_NAME = "master.key";

/** Options shared by the key-file functions. */
export interface KeyFileOptions {
  /** Accept a key file readable by group/others (default false: `CWB_ERR_SECRETS_KEY_PERMS`). */
  readonly allowInsecurePermissions?: boolean;
}

/** Options of {@link openKeyring}. */
export interface OpenKeyringOptions extends KeyFileOptions {
  readonly dataDir: string;
  /** An env-provided master key (`config.masterKey`); when set, no file is read or written. */
  readonly masterKey?: string;
}

/** An opened keyring and where it came from. */
export type OpenedKeyring =
  | { readonly kind: "env"; readonly keyring: Keyring }
  | { readonly kind: "file"; readonly keyring: Keyring; readonly path: string }
  | { readonly kind: "generated"; readonly keyring: Keyring; readonly path: string };

/**
 * The key file path of a data directory.
 *
 * @example
 * keyFilePath("/var/lib/cwbridge") // "/var/lib/cwbridge/master.key"
 */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

/**
 * Reads a key file; `undefined` when it does not exist. Throws `CWB_ERR_SECRETS_KEY_PERMS` when
 * the file is readable by group/others (unless allowed), `CWB_ERR_SECRETS_KEYRING_INVALID` when
 * its content is not a keyring.
 *
 * @example
 * const keyring = await readKeyFile("/var/lib/cwbridge/master.key");
 */
export async function readKeyFile(
  path: string,
  options: KeyFileOptions = {},
): Promise<Keyring | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  assertPrivateMode(path, mode, options);
  const text = await readFile(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SecretsError(
      "CWB_ERR_SECRETS_KEYRING_INVALID",
      `invalid keyring: ${path} is not JSON`,
    );
  }
  return keyringFromJson(parsed);
}

/**
 * Writes a keyring atomically (temp file with mode 0600, fsync, rename); creates the directory
 * with mode 0700 if needed.
 *
 * @example
 * await writeKeyFile(keyFilePath(dataDir), createKeyring());
 */
export async function writeKeyFile(path: string, keyring: Keyring): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(keyringToJson(keyring), null, 2)}\n`, "utf8");
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * Opens the keyring: from `masterKey` when given, else from `<dataDir>/master.key`, generating
 * that file (mode 0600) on first use.
 *
 * @example
 * const { keyring, kind } = await openKeyring({ dataDir: config.dataDir, masterKey: config.masterKey });
 * if (kind === "generated") log.warn("new master key: back it up separately from the database");
 */
export async function openKeyring(options: OpenKeyringOptions): Promise<OpenedKeyring> {
  if (options.masterKey !== undefined) {
    return { kind: "env", keyring: keyringFromMasterKey(options.masterKey) };
  }
  const path = keyFilePath(options.dataDir);
  const existing = await readKeyFile(path, options);
  if (existing !== undefined) return { kind: "file", keyring: existing, path };
  const keyring = createKeyring();
  await writeKeyFile(path, keyring);
  return { kind: "generated", keyring, path };
}

/**
 * Rotates the keyring stored in `<dataDir>/master.key`: a new active key is added and written;
 * old keys stay so existing tokens still decrypt (re-encrypt them with `reencrypt`).
 *
 * @example
 * const { keyring, keyId } = await rotateKeyFile({ dataDir });
 */
export async function rotateKeyFile(
  options: Omit<OpenKeyringOptions, "masterKey">,
): Promise<{ keyring: Keyring; keyId: string }> {
  const opened = await openKeyring(options);
  const rotated = rotateKeyring(opened.keyring);
  await writeKeyFile(keyFilePath(options.dataDir), rotated.keyring);
  return rotated;
}

function assertPrivateMode(path: string, mode: number, options: KeyFileOptions): void {
  if (process.platform === "win32" || options.allowInsecurePermissions === true) return;
  if ((mode & 0o077) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  throw new SecretsError(
    "CWB_ERR_SECRETS_KEY_PERMS",
    `${path} has mode ${octal}; it must not be readable by group or others. Fix: chmod 600 ${path}`,
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT";
}
