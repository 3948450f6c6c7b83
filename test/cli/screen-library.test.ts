// The default fund library folder is found from $HOME without loading node:os (homeFolder): it must be
// the folder os.homedir() gives, with HOME set, set empty, or unset.
import { homedir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { homeFolder, libraryDir } from '../../src/cli/screen-library.js';
import { defaultLibraryDir } from '../../src/library/paths.js';

const saved = { HOME: process.env['HOME'], EXPOSURE_SCREENER_HOME: process.env['EXPOSURE_SCREENER_HOME'] };

function setEnv(name: 'HOME' | 'EXPOSURE_SCREENER_HOME', value: string | undefined): void {
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
}

afterEach(() => {
  setEnv('HOME', saved.HOME);
  setEnv('EXPOSURE_SCREENER_HOME', saved.EXPOSURE_SCREENER_HOME);
});

describe('homeFolder', () => {
  for (const home of ['/home/someone', '', undefined]) {
    it(`is os.homedir() with HOME ${home === undefined ? 'unset' : JSON.stringify(home)}`, () => {
      setEnv('HOME', home);
      setEnv('EXPOSURE_SCREENER_HOME', undefined);
      expect(homeFolder()).toBe(homedir());
      expect(libraryDir(undefined)).toBe(defaultLibraryDir(process.env, process.platform, homedir()));
      if (home !== undefined && home !== '' && process.platform !== 'win32') expect(libraryDir(undefined).startsWith(home)).toBe(true);
    });
  }
});
