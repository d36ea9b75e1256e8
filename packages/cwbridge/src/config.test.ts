import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfig } from "./config.js";

const cwd = "/srv/app";

describe("loadConfig", () => {
  it("applies defaults", () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config).toEqual({
      dataDir: "/srv/app/.cwbridge",
      database: { kind: "sqlite", file: "/srv/app/.cwbridge/cwbridge.db" },
      allowInsecureKeyFile: false,
      httpHost: "127.0.0.1",
      httpPort: 8080,
      logLevel: "info",
      emulator: { enabled: "auto" },
      queue: "sql",
      tenant: "default",
    });
    expect("masterKey" in config).toBe(false);
  });

  it("takes the worker's jobs at once from CWBRIDGE_WORKER_CONCURRENCY (1..64), unset by default", () => {
    expect(loadConfig({ env: {}, cwd }).workerConcurrency).toBeUndefined();
    expect(loadConfig({ env: { CWBRIDGE_WORKER_CONCURRENCY: "16" }, cwd }).workerConcurrency).toBe(
      16,
    );
    for (const bad of ["0", "65", "2.5", "many"]) {
      const result = parseConfig({ env: { CWBRIDGE_WORKER_CONCURRENCY: bad }, cwd });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) {
        expect(result.error.issues[0]).toMatchObject({
          field: "workerConcurrency",
          source: "CWBRIDGE_WORKER_CONCURRENCY",
        });
      }
    }
  });

  it("takes the tenant from --tenant over CWBRIDGE_TENANT, and refuses a bad one", () => {
    expect(loadConfig({ env: { CWBRIDGE_TENANT: "acme" }, cwd }).tenant).toBe("acme");
    const flagged = loadConfig({
      env: { CWBRIDGE_TENANT: "acme" },
      flags: { tenant: "beta" },
      cwd,
    });
    expect(flagged.tenant).toBe("beta");
    const bad = parseConfig({ env: { CWBRIDGE_TENANT: "Acme Corp" }, cwd });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues[0]?.source).toBe("--tenant / CWBRIDGE_TENANT");
  });

  it("defaults the queue to graphile-worker on PostgreSQL; CWBRIDGE_QUEUE picks one", () => {
    const pg = "postgres://u@db/cwbridge";
    expect(loadConfig({ env: { DATABASE_URL: pg }, cwd }).queue).toBe("graphile");
    expect(loadConfig({ env: { DATABASE_URL: pg, CWBRIDGE_QUEUE: "sql" }, cwd }).queue).toBe("sql");
    expect(loadConfig({ env: { DATABASE_URL: "sqlite:x.db" }, cwd }).queue).toBe("sql");
    expect(loadConfig({ env: { CWBRIDGE_QUEUE: "graphile" }, cwd }).queue).toBe("graphile");
    expect(parseConfig({ env: { CWBRIDGE_QUEUE: "redis" }, cwd }).ok).toBe(false);
  });

  it("reads env and lets flags override it", () => {
    const env = {
      CWBRIDGE_HOME: "/var/lib/cwbridge",
      DATABASE_URL: "postgres://u:p@db/cwbridge",
      CWBRIDGE_MASTER_KEY: "abc",
      CWBRIDGE_PORT: "9000",
      CWBRIDGE_ADMIN_TOKEN: "0123456789abcdef",
      LOG_LEVEL: "debug",
      CWBRIDGE_EMULATOR: "off",
      CWBRIDGE_ALLOW_INSECURE_KEY_FILE: "1",
    };
    const config = loadConfig({
      env,
      cwd,
      flags: { dataDir: "data", httpPort: "9100", emulator: true },
    });
    expect(config.dataDir).toBe("/srv/app/data");
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u:p@db/cwbridge" });
    expect(config.masterKey).toBe("abc");
    expect(config.httpPort).toBe(9100);
    expect(config.adminToken).toBe("0123456789abcdef");
    expect(config.logLevel).toBe("debug");
    expect(config.emulator.enabled).toBe(true);
    expect(config.allowInsecureKeyFile).toBe(true);
    expect(loadConfig({ env, cwd }).emulator.enabled).toBe(false);
  });

  it("treats empty env values as unset and accepts sqlite: urls", () => {
    const config = loadConfig({ env: { CWBRIDGE_PORT: "", DATABASE_URL: "sqlite:db/x.db" }, cwd });
    expect(config.httpPort).toBe(8080);
    expect(config.database).toEqual({ kind: "sqlite", file: "/srv/app/db/x.db" });
  });

  it("lists every bad field with its source, without echoing values", () => {
    const env = {
      CWBRIDGE_PORT: "eighty",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://secretpass@x",
      CWBRIDGE_ADMIN_TOKEN: "short-secret",
      CWBRIDGE_EMULATOR: "maybe",
    };
    const result = parseConfig({ env, cwd });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ConfigError);
    expect(result.error.code).toBe("CWB_ERR_CONFIG_INVALID");
    expect(result.error.issues.map((i) => i.field).sort()).toEqual(
      ["adminToken", "databaseUrl", "emulator", "httpPort", "logLevel"].sort(),
    );
    expect(result.error.message).toContain("httpPort (--port / CWBRIDGE_PORT / PORT)");
    expect(result.error.message).not.toContain("secretpass");
    expect(result.error.message).not.toContain("short-secret");
    expect(() => loadConfig({ env, cwd })).toThrow(ConfigError);
  });

  it("rejects an out-of-range port", () => {
    expect(parseConfig({ env: { PORT: "70000" }, cwd }).ok).toBe(false);
  });
});
