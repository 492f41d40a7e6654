/** Entry point: config → database → migrate → app → listen (see server.ts). */
import { ConfigError, loadConfig } from './config.js';
import { startServer, type Running } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Signal handlers go in before anything starts: a SIGTERM during start-up (or right after the
  // "listening" line) waits for the start to finish, then shuts down cleanly.
  const state: { running?: Running; requested?: string } = {};
  const stop = () =>
    state.running!.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('shutdown failed', err);
        process.exit(1);
      },
    );
  const shutdown = (signal: string) => {
    if (state.requested) return;
    state.requested = signal;
    console.log(`${signal} received, shutting down`);
    if (state.running) void stop();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  state.running = await startServer(config);
  if (state.requested) await stop();
}

main().catch((err: unknown) => {
  console.error('failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
