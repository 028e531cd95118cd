// Jest projects, one per layer, so each runs alone: `npm test -- --selectProjects e2e`.
// Type-checking is done once by `tsc --noEmit` in scripts/test.mjs, so ts-jest only transpiles.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], rootDir: __dirname };

// `npm run test:faults` (ACCORD_FAULTS=1) runs only the fault suite, which builds its own world (test/faults/support);
// `npm test` never selects it.
const faults = { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.test.ts'] };

module.exports = process.env.ACCORD_FAULTS === '1' ? { testTimeout: 300000, projects: [faults] } : {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,workflows,activities}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'workflows', testMatch: ['<rootDir>/test/workflows/**/*.test.ts', '<rootDir>/test/replay/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
