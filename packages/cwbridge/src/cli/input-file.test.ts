/**
 * Input files read whole (`customers push --file`, `push alert --file`, `--private-key-file`)
 * and stdin (`--file -`, `--private-key-stdin`) through the CLI (`runCli`, ConnectWise = the
 * emulator): bytes that are not UTF-8 exit 2 with `CWB_ERR_CLI_FILE` naming the line (never
 * replaced by U+FFFD), and nothing is stored.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes.js";
import type { TextIn } from "./io.js";
import { runCli } from "./run-cli.js";
import { addEmulatorConnectionArgs, captureIo, oneDocument } from "./testing/cli-harness.js";

/** `text` with `bad` bytes in place of its `%` (the first one). */
const withBytes = (text: string, bad: readonly number[]): Buffer => {
  const at = text.indexOf("%");
  return Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.from(bad),
    Buffer.from(text.slice(at + 1)),
  ]);
};

describe("input files and stdin that are not UTF-8", () => {
  let emulator: Emulator;
  let dir: string;

  async function cwb(args: readonly string[], stdin: string | Buffer = "") {
    const io = {
      ...captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } }),
      stdin: Readable.from([stdin]) as TextIn,
    };
    const code = await runCli(["--json", ...args], io, { fetch: emulator.fetch });
    return { code, doc: oneDocument(io.stdout.text()) as Record<string, unknown> };
  }

  const refusedAt = (what: string, line: number) => ({
    code: EXIT.usage,
    doc: {
      error: {
        code: "CWB_ERR_CLI_FILE",
        message: `${what} is not UTF-8 text: line ${line}: not valid UTF-8 text`,
      },
    },
  });

  beforeEach(async () => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-input-file-"));
    const add = await cwb(
      addEmulatorConnectionArgs("emu", emulator.credentials),
      emulator.credentials.privateKey,
    );
    expect(add.code).toBe(0);
    expect((await cwb(["sources", "add", "--name", "rmm"])).code).toBe(0);
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("customers push: a file or stdin with a bad byte, or a name with NUL, stores nothing", async () => {
    const file = join(dir, "customers.json");
    const json = '[\n  {"id": "c1", "name": "Acme"},\n  {"id": "c2", "name": "Glob%x"}\n]\n';
    writeFileSync(file, withBytes(json, [0xe9]));
    const push = ["customers", "push", "--source", "rmm", "--file"];
    expect(await cwb([...push, file])).toMatchObject(refusedAt(file, 3));
    expect(await cwb([...push, "-"], withBytes(json, [0xff]))).toMatchObject(refusedAt("stdin", 3));
    writeFileSync(file, json.replace("%", "\\u0000"));
    expect(await cwb([...push, file])).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_CUSTOMER_INVALID" } },
    });
    expect(await cwb(["customers", "list", "--source", "rmm"])).toMatchObject({
      code: 0,
      doc: { mappings: [] },
    });
    writeFileSync(file, json.replace("%", "é"));
    expect(await cwb([...push, file])).toMatchObject({ code: 0, doc: { upserted: 2 } });
  });

  it("push alert --file with a bad byte stores nothing", async () => {
    const file = join(dir, "alert.json");
    const alert = {
      id: "evt-1",
      kind: "fire",
      name: "Disk full",
      summary: "C: 98%",
      customerId: "org-1",
    };
    writeFileSync(file, withBytes(JSON.stringify(alert, null, 2).replace("98%", "98%%"), [0xa0]));
    expect(await cwb(["push", "alert", "--source", "rmm", "--file", file])).toMatchObject(
      refusedAt(file, 5),
    );
  });

  it("a private key file or stdin with a bad byte is refused, and never echoed", async () => {
    const key = join(dir, "private.key");
    writeFileSync(key, withBytes("secret%key\n", [0xc3, 0x28]));
    const add = (...more: string[]) => [
      "connections",
      "add",
      "--name",
      "other",
      "--site",
      "na",
      "--company",
      "acme",
      "--public-key",
      "pub",
      "--client-id",
      "00000000-0000-0000-0000-000000000000",
      ...more,
    ];
    const fromFile = await cwb(add("--private-key-file", key));
    // The path is a value of a secret flag: the CLI's redaction hides it.
    expect(fromFile).toMatchObject(refusedAt("the private key file [REDACTED]", 1));
    const fromStdin = await cwb(add("--private-key-stdin"), withBytes("secret%key\n", [0xff]));
    expect(fromStdin).toMatchObject(refusedAt("stdin", 1));
    expect(JSON.stringify([fromFile.doc, fromStdin.doc])).not.toContain("secret");
    expect(await cwb(["connections", "list"])).toMatchObject({
      doc: { connections: [{ name: "emu" }] },
    });
  });
});
