/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  // The real-engine suite has its own config (jest.e2e.config.js, `npm run test:e2e`).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 60000,
  // No test may reach the real ECS metadata address (169.254.169.254: refused and reported) nor read the
  // developer's own KooCLI profile (HOME is an empty directory).
  setupFiles: ["<rootDir>/tests/helpers/isolation.js"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/isolationCheck.ts"],
  // The servers and child processes the tests start are real: keep them from competing on two cores.
  maxWorkers: 2,
};
