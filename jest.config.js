/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // tests/: the project's tests; examples/unit-testing: the README's unit-testing examples, run as users run them.
  roots: ["<rootDir>/tests", "<rootDir>/examples/unit-testing"],
  // The real-engine suite has its own config (jest.e2e.config.js, `npm run test:e2e`).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // The package as a program imports it: the built entry points its `exports` map names (npm test builds first).
  moduleNameMapper: {
    "^pulumi-huaweicloud-dms$": "<rootDir>/dist/sdk/index.js",
    "^pulumi-huaweicloud-dms/emulator$": "<rootDir>/dist/provider/emulator/index.js",
  },
  testTimeout: 60000,
  // No test may reach the real ECS metadata address (169.254.169.254: refused and reported) nor read the
  // developer's own KooCLI profile (HOME is an empty directory).
  setupFiles: ["<rootDir>/tests/helpers/isolation.js"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/isolationCheck.ts"],
  // The servers and child processes the tests start are real: keep them from competing on two cores.
  maxWorkers: 2,
};
