// `npm run test:e2e`: real `pulumi` commands (a CLI and language hosts from scripts/pulumi-cli) with a local
// file backend against the emulator. globalSetup gets the toolchain, builds and packs the package once per run.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  globalSetup: "<rootDir>/tests/e2e/globalSetup.ts",
  globalTeardown: "<rootDir>/tests/e2e/globalTeardown.ts",
  // A `pulumi up` takes seconds to minutes on a shared two-core machine; one engine at a time.
  testTimeout: 10 * 60_000,
  maxWorkers: 1,
  verbose: true,
};
