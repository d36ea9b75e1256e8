import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Features whose tables are touched only by their repository. A feature is added here once its
 * SQL has moved into its `repository.ts` / `*-repository.ts`; from then on any other file of it
 * that builds a query fails lint. The features' SQL moves into repositories feature by feature
 * (issue #8).
 */
export const REPOSITORY_ONLY_FEATURES = [
  "alerts",
  "connections",
  "customers",
  "devices",
  "events",
  "inventory",
  "keys",
  "permissions",
  "reports",
  "sources",
];

/** Kysely's query builders: the calls that touch tables. */
const QUERY_BUILDERS = ["selectFrom", "insertInto", "updateTable", "deleteFrom", "replaceInto"];

/**
 * The owner of every table of the store (`Database` in packages/cwbridge/src/store/schema.ts):
 * the feature whose repository is the only code of the features that names it, or the module
 * outside features/ that holds it (`store` for the one kv module, `store/kv.ts`; `queue` for the
 * SQL queue adapter). Another feature calls the owner's functions through its `index.ts`.
 * `test/repository-sql-rule.test.ts` checks that every table is listed and that the features'
 * repositories name only their own.
 */
export const TABLE_OWNERS = {
  connections: "connections",
  sources: "sources",
  customers: "customers",
  cw_companies: "customers",
  mappings: "customers",
  devices: "devices",
  config_types: "devices",
  incidents: "alerts",
  inbound_events: "alerts",
  routing_rules: "alerts",
  request_log: "events",
  inventory_members: "inventory",
  inventory_contacts: "inventory",
  inventory_cursors: "inventory",
  kv: "store",
  jobs: "queue",
};

/** The Kysely calls whose first argument names a table: query builders and joins. */
const TABLE_CALLS = [
  ...QUERY_BUILDERS,
  "mergeInto",
  "innerJoin",
  "leftJoin",
  "rightJoin",
  "fullJoin",
  "crossJoin",
  "innerJoinLateral",
  "leftJoinLateral",
  "crossJoinLateral",
];

/**
 * The lint rule that keeps each feature's repositories on its own tables: in the
 * `repository.ts` / `*-repository.ts` of each given feature, a query builder or join naming a
 * table `owners` gives to someone else (`"mappings"`, `"mappings as m"`), and kysely's `sql`
 * template naming one after `from` / `join` / `into` / `update`, are refused. One config per
 * feature (each has its own foreign tables); tests and `testing/` may seed any table.
 *
 * @param {readonly string[]} features
 * @param {Readonly<Record<string, string>>} owners table → owner
 * @returns {import("eslint").Linter.Config[]}
 */
export function ownTablesOnly(features, owners) {
  return features.flatMap((name) => {
    const foreign = Object.keys(owners).filter((table) => owners[table] !== name);
    if (foreign.length === 0) return [];
    const message = (owner) =>
      `A feature's repository names only its own tables: this one belongs to ${owner}; call its functions through its index.ts.`;
    const byOwner = new Map();
    for (const table of foreign) {
      byOwner.set(owners[table], [...(byOwner.get(owners[table]) ?? []), table]);
    }
    return [
      {
        files: [
          `packages/cwbridge/src/features/${name}/**/repository.ts`,
          `packages/cwbridge/src/features/${name}/**/*-repository.ts`,
        ],
        ignores: ["**/*.test.ts", "**/*.test-suite.ts", "**/testing/**"],
        rules: {
          "no-restricted-syntax": [
            "error",
            ...[...byOwner].flatMap(([owner, list]) => [
              {
                selector: `CallExpression[callee.property.name=/^(${TABLE_CALLS.join("|")})$/][arguments.0.value=/^(${list.join("|")})(\\s+as\\s+\\w+)?$/]`,
                message: message(owner),
              },
              {
                selector: `TaggedTemplateExpression[tag.name="sql"] TemplateElement[value.raw=/\\b(from|join|into|update)\\s+"?(${list.join("|")})\\b/i]`,
                message: message(owner),
              },
            ]),
          ],
        },
      },
    ];
  });
}

/**
 * The lint rules that keep a feature's SQL in its repository, for the given feature folders
 * (names under packages/cwbridge/src/features/). No config at all for an empty list.
 *
 * @param {readonly string[]} features
 * @returns {import("eslint").Linter.Config[]}
 */
export function repositoryOnlySql(features) {
  if (features.length === 0) return [];
  const message =
    "A feature's tables are touched only by its repository (repository.ts or *-repository.ts): call its functions.";
  return [
    {
      files: features.map((name) => `packages/cwbridge/src/features/${name}/**/*.ts`),
      ignores: [
        "**/repository.ts",
        "**/*-repository.ts",
        "**/*.test.ts",
        "**/*.test-suite.ts",
        "**/testing/**",
      ],
      rules: {
        "no-restricted-syntax": [
          "error",
          {
            selector: `CallExpression[callee.property.name=/^(${QUERY_BUILDERS.join("|")})$/]`,
            message,
          },
        ],
        "no-restricted-imports": [
          "error",
          { paths: [{ name: "kysely", importNames: ["sql"], message }] },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "coverage/**", ".cwbridge/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["vitest.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/only-throw-error": "off",
    },
  },
  {
    files: ["packages/connectwise/src/**/*.ts"],
    ignores: ["packages/connectwise/src/schemas/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["zod", "zod/*"],
              message:
                "The client has zero runtime dependencies: zod only in src/schemas (import type elsewhere).",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/cwbridge/src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "node:*",
                "!node:crypto",
                "kysely",
                "hono",
                "hono/*",
                "pg",
                "better-sqlite3",
                "pino",
                "../store/*",
                "../server/*",
                "../cli/*",
              ],
              message:
                "domain/ is pure: no I/O (node:crypto, for hashing, is the one Node module allowed).",
            },
          ],
        },
      ],
    },
  },
  ...repositoryOnlySql(REPOSITORY_ONLY_FEATURES),
  ...ownTablesOnly(REPOSITORY_ONLY_FEATURES, TABLE_OWNERS),
  {
    // The roles sit on top of app/ and never import each other; main.ts and demo/ compose the
    // app, not a CLI session (issue #8).
    files: [
      "packages/cwbridge/src/worker/**/*.ts",
      "packages/cwbridge/src/demo/**/*.ts",
      "packages/cwbridge/src/main.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/cli/**"],
              message:
                "worker/, demo/ and main.ts build on app/ (and the features), never on cli/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/cwbridge/src/cli/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/worker/**"],
              message: "cli/ builds on app/ (app/run-worker.ts), never on worker/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["scripts/**/*.mjs", "*.js", "packages/*/bin/*.js"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    files: ["**/*.test.ts", "**/*.test-suite.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
);
