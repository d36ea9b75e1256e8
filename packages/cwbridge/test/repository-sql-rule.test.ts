/**
 * The lint rule "a feature's tables are touched only by its repository" (eslint.config.js,
 * `repositoryOnlySql`) fires: on a feature listed in it, query builders and kysely's `sql` are
 * refused outside `repository.ts` / `*-repository.ts` and tests, and left alone elsewhere.
 */
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
