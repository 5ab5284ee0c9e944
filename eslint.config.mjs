// Lint: the architecture's boundaries, enforced. The core (provider/core) is entered only through its index, so
// its files can move and split without breaking the plugin, the CLI, the emulator, the SDK or the bench; tests
// may reach a core file directly to test it.
import tseslint from "typescript-eslint";

const throughIndexOnly = "Import the core through its index (provider/core), not one of its files.";
const coreFile = "**/core/*";

export default tseslint.config(
  { ignores: ["dist/**", "build/**", "node_modules/**", "examples/**/node_modules/**", "coverage/**"] },
  {
    files: ["provider/**/*.ts", "sdk/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts", "tests/**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": ["error", { patterns: [{ group: [coreFile], message: throughIndexOnly }] }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name='require'] > Literal[value=/\\/core\\/[A-Za-z]+$/]",
          message: throughIndexOnly,
        },
        {
          selector: "ImportExpression > Literal[value=/\\/core\\/[A-Za-z]+$/]",
          message: throughIndexOnly,
        },
      ],
    },
  },
  // The core's own files import each other; tests may reach a core file directly to test it.
  { files: ["provider/core/**/*.ts", "tests/**/*.ts"], rules: { "no-restricted-imports": "off", "no-restricted-syntax": "off" } },
);
