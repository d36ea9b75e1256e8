import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript source through the "source"
// export condition, so tests never run against a stale dist/.
export default defineConfig({
  ssr: { resolve: { conditions: ["source"] } },
  resolve: { conditions: ["source"] },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
