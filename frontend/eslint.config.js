import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Feature folders stay independent: a feature may use src/components, src/lib and src/api,
// never another feature. Only src/app composes features (after bulletproof-react).
const features = ['auth', 'home', 'admin', 'profile', 'audit', 'cases', 'alerts', 'emergency', 'chat', 'referrals', 'oncall', 'intake', 'protection', 'meetings'];

const otherFeatures = (own) =>
  features
    .filter((f) => f !== own)
    .flatMap((f) => [`@/features/${f}`, `@/features/${f}/**`, `**/features/${f}`, `**/features/${f}/**`, `../${f}`, `../${f}/**`, `../../${f}/**`]);

const featureBlocks = features.map((own) => ({
  files: [`src/features/${own}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: otherFeatures(own), message: 'Features must not import each other; move shared code to src/components, src/lib or src/api.' },
          { group: ['@/app', '@/app/**', '**/app/**'], message: 'Features must not import the app shell.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The service worker is plain JavaScript served as it is, with the worker's globals (self, clients).
  {
    files: ['public/sw.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: globals.serviceworker },
  },
  ...featureBlocks,
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}', 'src/api/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/features', '@/features/**', '**/features/**'], message: 'Shared code must not depend on a feature.' },
            { group: ['@/app', '@/app/**', '**/app/**'], message: 'Shared code must not depend on the app shell.' },
          ],
        },
      ],
    },
  },
);
