/** The shared services every module receives: config, database, crypto, logger, jobs, events, notifications. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from './db/client.js';
import { FieldCrypto, loadKeyRing } from './crypto/field-crypto.js';
import { JobQueue } from './jobs/jobs.service.js';
import { EventBus } from './events/events.service.js';
import { Notifier, consoleChannel, type ChannelAdapter } from './notify/notify.service.js';

export interface Platform {
  config: Config;
  database: Database;
  crypto: FieldCrypto;
  log: Logger;
  jobs: JobQueue;
  events: EventBus;
  notifier: Notifier;
}

export function createPlatform(
  config: Config,
  database: Database,
  log: Logger,
  opts: { channel?: ChannelAdapter } = {},
): Platform {
  const crypto = new FieldCrypto(
    loadKeyRing({ dataDir: config.dataDir, masterKey: config.masterKey }),
    config.crypto,
  );
  return {
    config,
    database,
    crypto,
    log,
    jobs: new JobQueue(database, log.child({ part: 'jobs' })),
    events: new EventBus(database, log.child({ part: 'events' })),
    notifier: new Notifier(
      database,
      crypto,
      opts.channel ?? consoleChannel(log.child({ part: 'notify' })),
      log,
    ),
  };
}
