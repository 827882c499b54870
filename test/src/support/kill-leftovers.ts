/** Jest setup (setupFilesAfterEnv): after each test file, no process it started stays alive. */
import { killLeftoverProcesses } from './system';

afterAll(killLeftoverProcesses);
