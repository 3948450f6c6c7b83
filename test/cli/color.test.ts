// Whether output is coloured (src/cli/color.ts), for the cases an end-to-end test on a pipe cannot make: a
// terminal with NO_COLOR, TERM=dumb or FORCE_COLOR=0. The pipe cases run on the bin in outputs.test.ts.

import { describe, expect, it } from 'vitest';
import { colorAllowed } from '../../src/cli/color.js';

describe('colorAllowed', () => {
  it('colours a terminal, and nothing else, when nothing is set', () => {
    expect(colorAllowed(true, {}, true)).toBe(true);
    expect(colorAllowed(true, {}, false)).toBe(false);
    expect(colorAllowed(true, { TERM: 'dumb' }, true)).toBe(false);
  });

  it('turns colour off on a terminal for --no-color, a non-empty NO_COLOR and FORCE_COLOR=0 or false', () => {
    expect(colorAllowed(false, {}, true)).toBe(false);
    expect(colorAllowed(true, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorAllowed(true, { NO_COLOR: 'anything' }, true)).toBe(false);
    expect(colorAllowed(true, { NO_COLOR: '' }, true)).toBe(true);
    expect(colorAllowed(true, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorAllowed(true, { FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('forces colour without a terminal for FORCE_COLOR "", 1, 2, 3, true (and above 3), but not over NO_COLOR or --no-color', () => {
    for (const value of ['', '1', '2', '3', '4', 'true'])
      expect(colorAllowed(true, { FORCE_COLOR: value, TERM: 'dumb' }, false)).toBe(true);
    expect(colorAllowed(true, { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(false);
    expect(colorAllowed(false, { FORCE_COLOR: '3' }, false)).toBe(false);
  });

  it('ignores a FORCE_COLOR it cannot read, as supports-color does', () => {
    expect(colorAllowed(true, { FORCE_COLOR: 'yes' }, false)).toBe(false);
    expect(colorAllowed(true, { FORCE_COLOR: 'yes' }, true)).toBe(true);
  });
});
