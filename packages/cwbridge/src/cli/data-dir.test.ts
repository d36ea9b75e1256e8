/**
 * The data directory and the database location through the CLI (`runCli`): a malformed
 * `--database-url`, a SQLite path that is a directory and a `--data-dir` that is a regular file
 * exit 2 with `CWB_ERR_CONFIG_INVALID` and create nothing; the data directory is 0700 (a looser
 * existing one is tightened) and the SQLite database file 0600, whatever the umask.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./run-cli.js";
import { captureIo, oneDocument } from "./testing/cli-harness.js";

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe("cwbridge data directory and database location", () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "cwb-data-dir-"));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(args: readonly string[]) {
    const io = captureIo({ env: {} });
    const code = await runCli(["--json", ...args], io);
    return { code, doc: oneDocument(io.stdout.text()) as Record<string, unknown> };
  }

  const refused = (field: string) => ({
    code: EXIT.usage,
    doc: {
      error: {
        code: "CWB_ERR_CONFIG_INVALID",
        message: expect.stringContaining(`${field} (`) as unknown,
      },
    },
  });

  it.each([
    ["sqlite: without a path", "sqlite:"],
    ["sqlite: with only spaces", "sqlite:  "],
    ["an unparsable postgres URL", "postgres://:::"],
    ["a postgres URL with a bad port", "postgres://u@localhost:port/db"],
    ["another scheme", "mysql://localhost/db"],
  ])("refuses %s (exit 2), creating nothing", async (_, url) => {
    const home = join(dir, "home");
    for (const command of [
      ["connections", "list"],
      ["init", "--no-input"],
    ]) {
      expect(await cwb(["--data-dir", home, "--database-url", url, ...command])).toMatchObject(
        refused("databaseUrl"),
      );
    }
    expect(existsSync(home)).toBe(false);
  });

  it("refuses a SQLite path that is a directory or under a file (exit 2)", async () => {
    const home = join(dir, "home");
    mkdirSync(join(dir, "folder.db"));
    writeFileSync(join(dir, "plain"), "x");
    for (const file of [join(dir, "folder.db"), join(dir, "plain", "x.db")]) {
      expect(
        await cwb(["--data-dir", home, "--database-url", `sqlite:${file}`, "connections", "list"]),
      ).toMatchObject(refused("databaseUrl"));
    }
  });

  it("refuses a --data-dir that is a regular file, or under one (exit 2), changing nothing", async () => {
    const file = join(dir, "not-a-dir");
    writeFileSync(file, "keep me");
    for (const home of [file, join(file, "below")]) {
      for (const command of [
        ["connections", "list"],
        ["init", "--no-input"],
      ]) {
        expect(await cwb(["--data-dir", home, ...command])).toMatchObject(refused("dataDir"));
      }
    }
    expect(readdirSync(dir)).toEqual(["not-a-dir"]);
    expect(statSync(file).isFile()).toBe(true);
  });

  it("creates the data directory 0700 and the database 0600, and tightens looser ones", async () => {
    const home = join(dir, "home");
    expect((await cwb(["--data-dir", home, "init", "--no-input"])).code).toBe(0);
    expect(modeOf(home)).toBe("700");
    expect(modeOf(join(home, "cwbridge.db"))).toBe("600");
    expect(modeOf(join(home, "master.key"))).toBe("600");

    chmodSync(home, 0o755);
    chmodSync(join(home, "cwbridge.db"), 0o644);
    expect((await cwb(["--data-dir", home, "connections", "list"])).code).toBe(0);
    expect(modeOf(home)).toBe("700");
    expect(modeOf(join(home, "cwbridge.db"))).toBe("600");

    // A SQLite file elsewhere: its file is 0600 too (its existing directory is left as it is).
    mkdirSync(join(dir, "shared"), { mode: 0o755 });
    const elsewhere = join(dir, "shared", "cwb.db");
    const args = [
      "--data-dir",
      home,
      "--database-url",
      `sqlite:${elsewhere}`,
      "connections",
      "list",
    ];
    expect((await cwb(args)).code).toBe(0);
    expect(modeOf(elsewhere)).toBe("600");
    expect(modeOf(join(dir, "shared"))).toBe("755");
  });
});
