/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: { "^.+\\.ts$": "ts-jest" },
  testTimeout: 30000,
  // The end-to-end tests start servers and databases; two workers suit a 2-core machine.
  maxWorkers: 2,
};
