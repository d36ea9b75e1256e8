/**
 * Reading input files given on the command line (`--file x.json`, `-` = stdin). Unreadable or
 * malformed files are usage errors (exit 2): nothing is stored.
 */
import { readFile } from "node:fs/promises";
import { CliError } from "./cli-error.js";
import { readAll, type CliIo } from "./io.js";

/**
 * The text of a file, or of stdin for `-`.
 *
 * @example
 * const text = await readInputFile("devices.csv", io);
 */
export async function readInputFile(path: string, io: CliIo): Promise<string> {
  if (path === "-") return readAll(io.stdin);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new CliError("CWB_ERR_CLI_FILE", `cannot read ${path}: ${code}`);
  }
}

/**
 * A JSON file's value; malformed JSON is `CWB_ERR_CLI_FILE` (exit 2).
 *
 * @example
 * const customers = await readJsonFile("customers.json", io);
 */
export async function readJsonFile(path: string, io: CliIo): Promise<unknown> {
  const text = await readInputFile(path, io);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(
      "CWB_ERR_CLI_FILE",
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
}
