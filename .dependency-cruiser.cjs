// The architecture of the monorepo, checked by dependency-cruiser (`npm run depcruise`,
// part of `npm run lint`, which CI runs). docs/architecture.md draws the same layers.
// Every rule is an error: a new import that breaks the layering fails CI.

const SRC = "^packages/cwbridge/src";
// Tests and test helpers (`*.test.ts`, `*.test-suite.ts`, any `testing/` folder).
const TEST_FILES = "(\\.test(-suite)?\\.ts$|/testing/)";
// The layers that sit below the application and its three roles.
const BELOW_APP = `${SRC}/(features|core|lib|store|queue|domain|secrets|connectwise)/`;
const APP_AND_ROLES = `${SRC}/(app|cli|worker|server)/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "domain/ is pure: it imports only domain/, node:crypto (hashing), zod (its schemas) and " +
        "core/app-error.ts (the one error base, plain data without I/O). " +
        "No store, queue, ConnectWise, CLI or app code, no other package, no I/O.",
      severity: "error",
      from: { path: `${SRC}/domain/`, pathNot: TEST_FILES },
      to: {
        pathNot: [
          `${SRC}/domain/`,
          `${SRC}/core/app-error\\.ts$`,
          "^(node:)?crypto$",
          "^node_modules/zod/",
        ],
      },
    },
    {
      name: "roles-never-import-each-other",
      comment:
        "cli/, worker/ and server/ sit side by side on top of app/ and never import each other.",
      severity: "error",
      from: { path: `${SRC}/(cli|worker|server)/` },
      to: {
        path: `${SRC}/(cli|worker|server)/`,
        pathNot: `${SRC}/$1/`,
      },
    },
    {
      name: "lower-layers-never-import-app-or-roles",
      comment:
        "features/, core/, lib/, store/, queue/, domain/, secrets/ and connectwise/ never import " +
        "app/, cli/, worker/ or server/: those compose the lower layers, not the other way round.",
      severity: "error",
      from: { path: BELOW_APP, pathNot: TEST_FILES },
      to: { path: APP_AND_ROLES },
    },
    {
      name: "lower-layer-tests-use-only-app-testing",
      comment:
        "Tests and testing/ helpers of the lower layers may build a test app (app/testing/), " +
        "nothing else above them.",
      severity: "error",
      from: { path: `${BELOW_APP}.*${TEST_FILES}` },
      to: { path: APP_AND_ROLES, pathNot: `${SRC}/app/testing/` },
    },
    {
      name: "features-meet-through-index",
      comment:
        "A feature uses another feature only through its index.ts (its public API), never its " +
        "internal files.",
      severity: "error",
      from: { path: `${SRC}/features/([^/]+)/` },
      to: {
        path: `${SRC}/features/[^/]+/`,
        pathNot: [`${SRC}/features/$1/`, `${SRC}/features/[^/]+/index\\.ts$`],
      },
    },
    {
      name: "core-knows-no-feature",
      comment: "core/ is what features depend on; it imports no feature (its tests may).",
      severity: "error",
      from: { path: `${SRC}/core/`, pathNot: TEST_FILES },
      to: { path: `${SRC}/features/` },
    },
    {
      name: "lib-is-generic",
      comment: "lib/ holds generic helpers: it imports nothing from src/ except lib/.",
      severity: "error",
      from: { path: `${SRC}/lib/` },
      to: { path: `${SRC}/`, pathNot: `${SRC}/lib/` },
    },
    {
      name: "client-knows-no-emulator",
      comment:
        "The ConnectWise client (packages/connectwise) never imports the emulator; only its tests " +
        "may run against it.",
      severity: "error",
      from: { path: "^packages/connectwise/src/" },
      to: { path: ["^packages/connectwise-emulator/", "^@cwbridge/connectwise-emulator"] },
    },
    {
      name: "no-circular",
      comment: "No import cycles, type-only imports included.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "Every import resolves: an unresolved one would slip past every rule above (and usually " +
        "means a missing dependency).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)dist/" },
    // Type-only imports count: `import type` cycles and layer breaks are found too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    // Workspace packages resolve to their TypeScript source, as in vitest and tsc.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["source", "import", "types", "default"],
      mainFields: ["module", "main", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
