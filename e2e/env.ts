import os from 'node:os';
import path from 'node:path';

export const E2E = {
  port: 3100,
  baseURL: 'http://127.0.0.1:3100',
  password: 'E2e-Admin-Passw0rd-2026',
  outbox: path.join(os.tmpdir(), 'jinglin-e2e-outbox.jsonl'),
  /** The a11y sweep in all three variants on this database (CI splits them between its two passes). */
  allVariants: process.env.JINGLIN_E2E_ALL_VARIANTS === '1',
};
