import { defineConfig } from "vitest/config";

// Two projects: fast unit tests (fakes only) and end-to-end tests that build and run
// real images. `npm test` runs both; e2e tests skip with a visible message when no engine
// answers, unless PYSHIP_E2E=required (set by .ci/run), where a missing engine fails.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
