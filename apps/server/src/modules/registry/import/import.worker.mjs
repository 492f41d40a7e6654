// Worker-thread entry of the import reader (see import.reader.ts). Plain JavaScript, so a worker
// starts the same way under `node --import tsx`, the test runner or anything else; the reader
// itself is TypeScript, loaded through tsx's scoped loader.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { serveReader } = await tsImport('./import.reader.ts', import.meta.url);
serveReader(parentPort);
