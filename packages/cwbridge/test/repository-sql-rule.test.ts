/**
 * The lint rule "a feature's tables are touched only by its repository" (eslint.config.js,
 * `repositoryOnlySql`) fires: on a feature listed in it, query builders and kysely's `sql` are
 * refused outside `repository.ts` / `*-repository.ts` and tests, and left alone elsewhere; and
 * `ownTablesOnly`: a repository names only its own feature's tables (`TABLE_OWNERS`).
 */
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FEATURE = "packages/cwbridge/src/features/fixture-feature";

type RuleFactory = (features: readonly string[]) => Linter.Config[];

let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(pathToFileURL(`${ROOT}eslint.config.js`).href)) as {
    repositoryOnlySql: RuleFactory;
  };
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
      ...config.repositoryOnlySql(["fixture-feature"]),
    ],
  });
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const QUERY = `export const q = (db: any) => db.selectFrom("devices").selectAll().execute();\n`;
const WRITES = [
  `db.insertInto("t").values({}).execute();`,
  `db.updateTable("t").set({}).execute();`,
  `db.deleteFrom("t").execute();`,
  `db.replaceInto("t").values({}).execute();`,
].join("\n");
const SQL_IMPORT = `import { sql } from "kysely";\nexport const now = sql\`now()\`;\n`;

describe("repositoryOnlySql", () => {
  it("refuses query builders in a listed feature's other files", async () => {
    expect(await ruleIds(`${FEATURE}/list-things.ts`, QUERY)).toEqual(["no-restricted-syntax"]);
    expect(
      await ruleIds(`${FEATURE}/write-things.ts`, `declare const db: any;\n${WRITES}`),
    ).toEqual(Array(4).fill("no-restricted-syntax"));
  });

  it("refuses kysely's sql import there, not its types", async () => {
    expect(await ruleIds(`${FEATURE}/raw.ts`, SQL_IMPORT)).toEqual(["no-restricted-imports"]);
    expect(await ruleIds(`${FEATURE}/types.ts`, `import type { Kysely } from "kysely";\n`)).toEqual(
      [],
    );
  });

  it("allows them in the repository files and the tests of that feature", async () => {
    for (const file of [
      "repository.ts",
      "device-repository.ts",
      "list-things.test.ts",
      "testing/fixture.ts",
    ]) {
      expect(await ruleIds(`${FEATURE}/${file}`, QUERY + SQL_IMPORT)).toEqual([]);
    }
  });

  it("leaves features that are not listed alone", async () => {
    const other = "packages/cwbridge/src/features/other-feature/list-things.ts";
    expect(await ruleIds(other, QUERY + SQL_IMPORT)).toEqual([]);
  });

  it("adds no config for an empty list", async () => {
    const config = (await import(pathToFileURL(`${ROOT}eslint.config.js`).href)) as {
      repositoryOnlySql: RuleFactory;
    };
    expect(config.repositoryOnlySql([])).toEqual([]);
  });
});

/**
 * "A feature's repository names only its own tables" (eslint.config.js, `ownTablesOnly` over
 * `TABLE_OWNERS`): the rule fires on another feature's table, every table has an owner, and the
 * features' real repositories pass it.
 */
type OwnTablesFactory = (
  features: readonly string[],
  owners: Readonly<Record<string, string>>,
) => Linter.Config[];

interface OwnershipConfig {
  readonly ownTablesOnly: OwnTablesFactory;
  readonly TABLE_OWNERS: Readonly<Record<string, string>>;
  readonly REPOSITORY_ONLY_FEATURES: readonly string[];
}

const SRC = `${ROOT}packages/cwbridge/src/`;
const FIXTURE_OWNERS = { things: "fixture-feature", devices: "devices", mappings: "customers" };

describe("ownTablesOnly", () => {
  let config: OwnershipConfig;
  let fixtureLint: ESLint;

  beforeAll(async () => {
    config = (await import(pathToFileURL(`${ROOT}eslint.config.js`).href)) as OwnershipConfig;
    fixtureLint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
        ...config.ownTablesOnly(["fixture-feature"], FIXTURE_OWNERS),
      ],
    });
  });

  async function messages(file: string, code: string): Promise<string[]> {
    const [result] = await fixtureLint.lintText(code, { filePath: `${ROOT}${file}` });
    return (result?.messages ?? []).map((m) => m.message);
  }

  const FOREIGN = [
    `db.selectFrom("devices").selectAll().execute();`,
    `db.selectFrom("things").leftJoin("mappings as m", (j) => j).execute();`,
    `db.insertInto("devices").values({}).execute();`,
    `db.updateTable("mappings").set({}).execute();`,
    `db.deleteFrom("devices").execute();`,
    `db.selectFrom("things").innerJoin("devices", "devices.id", "things.id").execute();`,
    "sql`select count(*) from mappings`.execute(db);",
  ];

  it("refuses another feature's table in a repository, in any builder, join or sql", async () => {
    for (const line of FOREIGN) {
      const found = await messages(
        `${FEATURE}/thing-repository.ts`,
        `declare const db: any;\ndeclare const sql: any;\n${line}\n`,
      );
      expect(found, line).toHaveLength(1);
      expect(found[0], line).toMatch(/belongs to (devices|customers)/);
    }
  });

  it("allows the feature's own tables, and any table in tests and testing/", async () => {
    const own = `declare const db: any;\ndb.selectFrom("things").leftJoin("things as t", (j) => j).execute();\ndb.deleteFrom("things as x").execute();\n`;
    expect(await messages(`${FEATURE}/repository.ts`, own)).toEqual([]);
    const seeds = `declare const db: any;\n${FOREIGN.slice(0, 5).join("\n")}\n`;
    expect(await messages(`${FEATURE}/thing-repository.test.ts`, seeds)).toEqual([]);
    expect(await messages(`${FEATURE}/testing/seed-repository.ts`, seeds)).toEqual([]);
  });

  it("gives every table of the store's Database an owner, and no table that is not there", async () => {
    const schema = await readFile(`${SRC}store/schema.ts`, "utf8");
    const body = /export interface Database \{([^}]*)\}/.exec(schema)?.[1] ?? "";
    const tables = [...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);
    expect(tables.length).toBeGreaterThan(10);
    expect(Object.keys(config.TABLE_OWNERS).sort()).toEqual([...tables].sort());
    const features = (await readdir(`${SRC}features`, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    for (const owner of Object.values(config.TABLE_OWNERS)) {
      expect([...features, "store", "queue"]).toContain(owner);
    }
    // Every feature is held to the rules (a new feature folder must be added to the list).
    expect([...config.REPOSITORY_ONLY_FEATURES].sort()).toEqual([...features].sort());
  });

  function realLint(): ESLint {
    return new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
        ...config.ownTablesOnly(config.REPOSITORY_ONLY_FEATURES, config.TABLE_OWNERS),
      ],
    });
  }

  it("refuses what devices' and alerts' repositories once did with the real owners", async () => {
    // Excerpts of the former devices/partition-repository.ts and alerts/related-repository.ts.
    const partition = [
      `db.selectFrom("devices").leftJoin("mappings as m", (join) => join).where("devices.source_id", "=", s);`,
      `db.updateTable("mappings").set({ last_error: m }).execute();`,
      `db.selectFrom("cw_companies").select("name").executeTakeFirst();`,
      `db.selectFrom("connections").select(["enabled", "settings_json"]).executeTakeFirst();`,
    ];
    const related = [
      `db.selectFrom("sources").select("id").executeTakeFirst();`,
      `db.selectFrom("devices").select(["cw_config_id", "data_json"]).executeTakeFirst();`,
      `tx.updateTable("connections").set({ settings_json: json }).execute();`,
      `tx.insertInto("kv", { key, value }).execute();`,
    ];
    const lint = realLint();
    for (const [file, lines, owners] of [
      [
        "devices/partition-repository.ts",
        partition,
        ["customers", "customers", "customers", "connections"],
      ],
      ["alerts/related-repository.ts", related, ["sources", "devices", "connections", "store"]],
    ] as const) {
      const code = `declare const db: any, tx: any, s: any, m: any, json: any, key: any, value: any;\n${lines.join("\n")}\n`;
      const [result] = await lint.lintText(code, { filePath: `${SRC}features/${file}` });
      expect(
        result?.messages.map((msg) => /belongs to (\w+)/.exec(msg.message)?.[1]),
        file,
      ).toEqual(owners);
    }
  });

  it("passes on the features' repositories as they are", async () => {
    const real = realLint();
    const results = await real.lintFiles([
      "packages/cwbridge/src/features/**/repository.ts",
      "packages/cwbridge/src/features/**/*-repository.ts",
    ]);
    expect(results.length).toBeGreaterThanOrEqual(9);
    const found = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath.slice(SRC.length)}:${m.line} ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});
