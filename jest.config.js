/**
 * Jest runs the TypeScript sources as native ES modules (NestJS 12 ships ESM only).
 * ts-jest only transpiles; `npm run check` does the type-checking.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    // Jest on Node < 24.9 cannot require() an ES module, as CommonJS packages now do
    // (@fastify/static requires content-disposition 2): those few files are compiled to CommonJS.
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { useESM: true, tsconfig: { allowJs: true, module: 'nodenext', moduleResolution: 'nodenext', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
};
