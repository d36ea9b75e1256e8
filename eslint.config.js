import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Features whose tables are touched only by their repository. A feature is added here once its
 * SQL has moved into its `repository.ts` / `*-repository.ts`; from then on any other file of it
 * that builds a query fails lint. The features' SQL moves into repositories feature by feature
 * (issue #8).
 */
const REPOSITORY_ONLY_FEATURES = [
  "alerts",
  "connections",
  "customers",
  "devices",
  "events",
  "inventory",
  "keys",
  "permissions",
  "sources",
];

/** Kysely's query builders: the calls that touch tables. */
const QUERY_BUILDERS = ["selectFrom", "insertInto", "updateTable", "deleteFrom", "replaceInto"];

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
    files: ["scripts/**/*.mjs", "*.js"],
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
