// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// @grafana/ui's Combobox measures option text on a canvas; jsdom has none.
HTMLCanvasElement.prototype.getContext = () => ({
  font: '',
  measureText: (text) => ({ width: String(text).length * 7 }),
});

// findBy* waits longer than the default 1 s: @grafana/ui's first renders are slow on a loaded machine.
require('@testing-library/react').configure({ asyncUtilTimeout: 5000 });
