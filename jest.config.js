/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  // The real-engine suite has its own config (jest.e2e.config.js, `npm run test:e2e`).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testTimeout: 60000,
  // The servers and child processes the tests start are real: keep them from competing on two cores.
  maxWorkers: 2,
};
