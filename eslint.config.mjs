// ESLint flat config: typescript-eslint strict (type-aware), React hooks, Next.js rules.
// Conventions are in docs/stile.md.
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [".next/**", "coverage/**", "data/**", "node_modules/**", "next-env.d.ts"],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // Numbers in template literals are ids, row numbers, years and SQL/URL fragments;
      // figures shown to readers go through lib/format (it-IT), which this rule cannot tell apart.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => setOpen(true)}` is the React idiom; braces around it add nothing.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
  {
    rules: {
      // With noUncheckedIndexedAccess every `xs[i]` and `map.get(k)` is `T | undefined` even
      // right after the code has checked it; `!` records that check. It cannot change a type
      // into another one (that is what `as` does, and the assertion rules still lint those).
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  reactHooks.configs.flat["recommended-latest"],
  nextPlugin.configs["core-web-vitals"],
  {
    files: ["tests/**"],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.closeTo…) are typed `any`, and parsed
      // JSON bodies are what the assertion itself checks.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    // Migrations are frozen and describe older schemas than `Database`: kysely's documented
    // signature for them is `Kysely<any>`.
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Plain JavaScript config files are not part of the TypeScript project.
    files: ["**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
