// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

// d3-color and friends ship only .mjs: transform them like the scaffold's (t|j)sx? files.
const tsTransform = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  ...base,
  transform: { ...base.transform, '^.+\\.mjs$': tsTransform },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-standalone/'],
  // First renders of @grafana/ui's Combobox pages take seconds on a loaded machine.
  testTimeout: 30000,
};
