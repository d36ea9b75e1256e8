import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("./bin.ts", import.meta.url));

function start(args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, ["--conditions=source", "--import", "tsx", BIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("cw-emulator bin", () => {
  it("--json prints exactly one parseable line with working credentials", async () => {
    const child = start(["--port", "0", "--json", "--seed", "demo"]);
    try {
      const lines = createInterface({ input: child.stdout! });
      const first = await new Promise<string>((resolve) => lines.once("line", resolve));
      const parsed = JSON.parse(first) as Record<string, string>;
      expect(Object.keys(parsed)).toEqual([
        "url",
        "codebase",
        "companyId",
        "publicKey",
        "privateKey",
        "clientId",
      ]);
      const basic = Buffer.from(
        `${parsed["companyId"]}+${parsed["publicKey"]}:${parsed["privateKey"]}`,
      ).toString("base64");
      const response = await fetch(`${parsed["url"]}/${parsed["codebase"]}apis/3.0/system/info`, {
        headers: { authorization: `Basic ${basic}`, clientId: parsed["clientId"] ?? "" },
      });
      expect(response.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("exits 2 with a clear message on bad flags", async () => {
    const child = start(["--seed", "nope"]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("--seed must be demo or empty");
  });
});
