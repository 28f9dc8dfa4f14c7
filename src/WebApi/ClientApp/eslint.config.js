// ESLint for the widget: typescript-eslint's recommended rules and the React hooks rules.
// `npm run lint` fails on any warning (--max-warnings 0); e2e/run.sh runs it in CI.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // e2e/ is the browser suite's own code (run by node, with page.evaluate bodies in the browser); tsc does not check it either.
  { ignores: ['dist/**', 'node_modules/**', 'src/api/schema.d.ts', 'e2e/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic hooks rules; the React Compiler rules of the plugin's v7 preset are not adopted (no compiler here).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
