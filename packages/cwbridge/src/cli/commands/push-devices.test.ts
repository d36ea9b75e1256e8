/**
 * `push devices` through the CLI (`runCli`, ConnectWise = the emulator's in-process fetch):
 * JSON Lines files (`.ndjson`, `.jsonl`, stdin with `--format ndjson`) are streamed; a bad line
 * anywhere — even after the first thousand devices were written — exits 2 naming its line and
 * stores nothing; unreadable files and unknown formats exit 2.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../exit-codes.js";
import type { TextIn } from "../io.js";
import { runCli } from "../run-cli.js";
import { addEmulatorConnectionArgs, captureIo, oneDocument } from "../testing/cli-harness.js";
import { fileFormat } from "./push-devices.js";

const device = (i: number) =>
  JSON.stringify({
    externalId: `d${i}`,
    customerId: "org-acme",
    name: `PC-${i}`,
    type: "Managed Workstation",
  });

describe("cwbridge push devices", () => {
  let emulator: Emulator;
  let dir: string;

  async function cwb(args: readonly string[], stdin?: string) {
    const io = captureIo({
      env: { CWBRIDGE_HOME: join(dir, "home") },
      stdin: stdin ?? emulator.credentials.privateKey,
    });
    const code = await runCli(["--json", ...args], io, { fetch: emulator.fetch });
    return { code, doc: oneDocument(io.stdout.text()) as Record<string, unknown> };
  }

  const push = (file: string, ...more: string[]) =>
    cwb(["push", "devices", "--source", "rmm", "--file", file, ...more]);

  beforeEach(async () => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-push-devices-"));
    expect((await cwb(addEmulatorConnectionArgs("emu", emulator.credentials))).code).toBe(0);
    expect((await cwb(["sources", "add", "--name", "rmm"])).code).toBe(0);
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify({ customers: [{ id: "org-acme", name: "Acme", identifier: "AcmeCorp" }] }),
    );
    expect(
      (await cwb(["customers", "push", "--source", "rmm", "--file", join(dir, "c.json")])).code,
    ).toBe(0);
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores a JSON Lines file; a bad line after 1,500 good ones stores nothing", async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => device(i));
    const bad = [...lines.slice(0, 1500), "", '{"externalId": "oops",', ...lines.slice(1500)];
    writeFileSync(join(dir, "bad.ndjson"), bad.join("\n"));
    const refused = await push(join(dir, "bad.ndjson"));
    expect(refused).toMatchObject({
      code: EXIT.usage,
      doc: {
        error: {
          code: "CWB_ERR_DEVICE_FILE_INVALID",
          message: expect.stringMatching(/^malformed NDJSON, line 1502: /),
        },
      },
    });
    writeFileSync(join(dir, "good.jsonl"), `${lines.join("\r\n")}\r\n`);
    expect(await push(join(dir, "good.jsonl"))).toMatchObject({
      code: 0,
      doc: { received: 2500, changed: 2500, unchanged: 0 },
    });
    const again = await cwb(
      ["push", "devices", "--source", "rmm", "--file", "-", "--format", "ndjson"],
      lines.join("\n"),
    );
    expect(again).toMatchObject({ code: 0, doc: { received: 2500, changed: 0, unchanged: 2500 } });
  });

  it("an invalid device in a JSON Lines file is reported by index, nothing stored", async () => {
    writeFileSync(join(dir, "d.ndjson"), `${device(1)}\n{"externalId":"d2"}\n`);
    expect(await push(join(dir, "d.ndjson"))).toMatchObject({
      code: EXIT.usage,
      doc: {
        error: {
          code: "CWB_ERR_DEVICE_INVALID",
          details: {
            issues: expect.arrayContaining([expect.objectContaining({ index: 1, field: "name" })]),
          },
        },
      },
    });
    expect(await push(join(dir, "empty.ndjson"), "--mode", "delta")).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_CLI_FILE" } },
    });
    writeFileSync(join(dir, "empty.ndjson"), "\n\n");
    expect(await push(join(dir, "empty.ndjson"), "--mode", "delta")).toMatchObject({
      code: 0,
      doc: { received: 0 },
    });
  });

  /** The parts of a devices file around the name of device d2 (`PC-<here>`). */
  const FILE_PARTS = {
    json: [
      `[${device(1)},`,
      `{"externalId":"d2","customerId":"org-acme","name":"PC-`,
      `","type":"Managed Workstation"}]`,
    ],
    ndjson: [
      `${device(1)}\n`,
      `{"externalId":"d2","customerId":"org-acme","name":"PC-`,
      `","type":"Managed Workstation"}\n`,
    ],
    csv: [
      "externalId,customerId,name,type\nd1,org-acme,PC-1,Managed Workstation\n",
      "d2,org-acme,PC-",
      ",Managed Workstation\n",
    ],
  } as const;

  /**
   * A devices file whose d2 is named `PC-` + `bytes`, padded with blank lines so that `bytes`
   * start at byte `at`; and the line they are on.
   */
  function devicesFile(format: keyof typeof FILE_PARTS, bytes: readonly number[], at: number) {
    const [head, before, after] = FILE_PARTS[format];
    const blank = at - Buffer.byteLength(head + before);
    const file = Buffer.concat([
      Buffer.from(head + "\n".repeat(blank) + before),
      Buffer.from(bytes),
      Buffer.from(after),
    ]);
    const line = head.split("\n").length + blank;
    return { file, line };
  }

  it.each(["json", "ndjson", "csv"] as const)(
    "a %s file with bytes that are not UTF-8 exits 2 naming the line, and its snapshot removes nothing",
    async (format) => {
      const path = join(dir, `devices.${format}`);
      writeFileSync(path, devicesFile(format, [0x58], 300).file);
      expect(await push(path)).toMatchObject({ code: 0, doc: { received: 2, changed: 2 } });
      const name = format.toUpperCase();
      // A bad byte near the start, at the last byte of the first 64 KiB chunk (the lead byte of a
      // pair whose second byte is not a continuation), and at the first byte of the second chunk.
      for (const [bytes, at] of [
        [[0xff], 300],
        [[0xc3, 0x28], 65_535],
        [[0x80], 65_536],
      ] as const) {
        const bad = devicesFile(format, bytes, at);
        writeFileSync(path, bad.file);
        expect(await push(path)).toMatchObject({
          code: EXIT.usage,
          doc: {
            error: {
              code: "CWB_ERR_DEVICE_FILE_INVALID",
              message: `malformed ${name}, line ${bad.line}: not valid UTF-8 text`,
            },
          },
        });
      }
      // A character split across the chunks is text: "é" (C3 A9) at bytes 65,535 and 65,536.
      writeFileSync(path, devicesFile(format, [0xc3, 0xa9], 65_535).file);
      expect(await push(path)).toMatchObject({
        code: 0,
        doc: { received: 2, changed: 1, unchanged: 1, removed: 0 },
      });
      writeFileSync(path, devicesFile(format, [...Buffer.from("é")], 300).file);
      expect(await push(path)).toMatchObject({ code: 0, doc: { changed: 0, unchanged: 2 } });
    },
  );

  it("stdin with bytes that are not UTF-8 exits 2 naming the line", async () => {
    const { file, line } = devicesFile("ndjson", [0xfe], 300);
    const io = {
      ...captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } }),
      stdin: Readable.from([file]) as TextIn,
    };
    const args = [
      "--json",
      "push",
      "devices",
      "--source",
      "rmm",
      "--file",
      "-",
      "--format",
      "ndjson",
    ];
    expect(await runCli(args, io, { fetch: emulator.fetch })).toBe(EXIT.usage);
    expect(oneDocument(io.stdout.text())).toMatchObject({
      error: {
        code: "CWB_ERR_DEVICE_FILE_INVALID",
        message: `malformed NDJSON, line ${line}: not valid UTF-8 text`,
      },
    });
  });

  it("a directory or an unknown extension exits 2", async () => {
    mkdirSync(join(dir, "folder.json"));
    expect(await push(join(dir, "folder.json"))).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_CLI_FILE", message: expect.stringContaining("EISDIR") } },
    });
    expect(await push(join(dir, "devices.txt"))).toMatchObject({
      code: EXIT.usage,
      doc: { error: { message: expect.stringContaining("--format json|ndjson|csv") } },
    });
  });

  it("tells the format from --format or the extension", () => {
    expect(fileFormat("a.NDJSON")).toBe("ndjson");
    expect(fileFormat("a.jsonl")).toBe("ndjson");
    expect(fileFormat("a.json")).toBe("json");
    expect(fileFormat("-", "jsonl")).toBe("ndjson");
    expect(fileFormat("a.json", "csv")).toBe("csv");
  });
});
