/**
 * The data directory (`master.key`, the default SQLite database) and the SQLite file's place,
 * checked and secured before the engine opens them. A data directory that is a file, or a SQLite
 * path that is a directory (or under a file), is a configuration error
 * (`CWB_ERR_CONFIG_INVALID`, exit 2; nothing is created). The data directory is created 0700, and
 * an existing one open to group or others (e.g. 0755) is tightened to 0700, as `master.key` is
 * 0600: it holds the key and the database with every encrypted secret.
 */
import { chmod, mkdir, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative } from "node:path";
import { ConfigError, type Config, type ConfigIssue } from "../config.js";

const DATA_DIR = { field: "dataDir", source: "--data-dir / CWBRIDGE_HOME" } as const;
const DATABASE = { field: "databaseUrl", source: "--database-url / DATABASE_URL" } as const;

type PathKind = "missing" | "directory" | "file" | "under-a-file";

async function kindOf(path: string): Promise<PathKind> {
  try {
    return (await stat(path)).isDirectory() ? "directory" : "file";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "missing";
    if (code === "ENOTDIR") return "under-a-file";
    throw error;
  }
}

function invalid(where: Omit<ConfigIssue, "message">, message: string): ConfigError {
  return new ConfigError([{ ...where, message }]);
}

/** Issues of a path that must be (or become) a directory. */
function directoryProblem(kind: PathKind): string | undefined {
  if (kind === "file") return "is a file, not a directory";
  if (kind === "under-a-file") return "is under a file (a part of the path is not a directory)";
  return undefined;
}

/** Creates `dir` 0700, or tightens an existing one to owner-only; refuses a file. */
async function secureDirectory(dir: string): Promise<void> {
  const kind = await kindOf(dir);
  const problem = directoryProblem(kind);
  if (problem !== undefined) throw invalid(DATA_DIR, problem);
  if (kind === "missing") await mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await stat(dir);
  // chmod, not only mkdir's mode: the umask may have loosened it, or it existed before.
  if ((mode & 0o077) !== 0 || kind === "missing") {
    try {
      await chmod(dir, mode & 0o700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
      throw invalid(DATA_DIR, "is open to other users and not ours to tighten: choose another");
    }
  }
}

/** Refuses a SQLite path that is a directory or lies under a file. */
async function checkSqliteFile(file: string): Promise<void> {
  const kind = await kindOf(file);
  if (kind === "directory") throw invalid(DATABASE, "names a directory, not a SQLite file");
  const parent = directoryProblem(kind === "under-a-file" ? kind : await kindOf(dirname(file)));
  if (parent !== undefined) throw invalid(DATABASE, `the SQLite file's directory ${parent}`);
}

const isInside = (file: string, dir: string): boolean => {
  const rel = relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
};

/**
 * Checks and secures the data directory when it is used (the key file, a SQLite file in it, or
 * `create`), and the SQLite file's path; throws `CWB_ERR_CONFIG_INVALID` for a bad path.
 *
 * @example
 * await prepareDataDir(config); // before openKeyring / openStore
 */
export async function prepareDataDir(
  config: Pick<Config, "dataDir" | "database" | "masterKey">,
  options: { readonly create?: boolean } = {},
): Promise<void> {
  const sqliteFile = config.database.kind === "sqlite" ? config.database.file : undefined;
  const used =
    options.create === true ||
    config.masterKey === undefined ||
    (sqliteFile !== undefined && isInside(sqliteFile, config.dataDir));
  if (used) await secureDirectory(config.dataDir);
  if (sqliteFile !== undefined) await checkSqliteFile(sqliteFile);
}
