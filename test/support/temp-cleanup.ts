// setupFiles: after each test file, remove the temporary folders it made with makeTempDir.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.js';

afterAll(removeTempDirs);
