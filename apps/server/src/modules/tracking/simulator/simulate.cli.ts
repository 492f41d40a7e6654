/**
 * `jinglin simulate`: options checked, the simulator run against one host (default 127.0.0.1),
 * progress on stderr, the summary as JSON on stdout. Exit code 1 when replies went missing.
 */
import { simulate, type SimulateSummary } from './simulate.js';

export interface SimulateCliOptions {
  devices: string;
  rate: string;
  host: string;
  jt808Port?: string;
  watchPort?: string;
  seconds: string;
  watchShare: string;
  perConnection: string;
}

function num(name: string, text: string | undefined, min: number, max: number, int = false): number {
  const v = Number(text);
  if (
    text === undefined ||
    text.trim() === '' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (int && !Number.isInteger(v))
  ) {
    throw new RangeError(`--${name} must be ${int ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return v;
}

/** Runs the simulation; `defaults` are the ports from the settings. Returns the exit code. */
export async function simulateCommand(
  o: SimulateCliOptions,
  defaults: { jt808Port: number; watchPort: number },
): Promise<number> {
  const host = o.host.trim();
  if (!host) throw new RangeError('--host must not be empty');
  const opts = {
    host,
    devices: num('devices', o.devices, 1, 100_000, true),
    rate: num('rate', o.rate, 0.001, 100),
    seconds: num('seconds', o.seconds, 1, 86_400),
    watchShare: num('watch-share', o.watchShare, 0, 1),
    devicesPerConnection: num('per-connection', o.perConnection, 1, 10_000, true),
    jt808Port:
      o.jt808Port === undefined ? defaults.jt808Port : num('jt808-port', o.jt808Port, 0, 65535, true),
    watchPort:
      o.watchPort === undefined ? defaults.watchPort : num('watch-port', o.watchPort, 0, 65535, true),
    log: (line: string) => process.stderr.write(`[simulate] ${line}\n`),
  };
  opts.log(
    `${opts.devices} devices → ${host} (JT/T 808 :${opts.jt808Port || 'off'}, watch :${opts.watchPort || 'off'}), ` +
      `${opts.rate}/s each, ${opts.seconds} s`,
  );
  const summary: SimulateSummary = await simulate(opts);
  console.log(JSON.stringify(summary));
  if (summary.registerRefused > 0) {
    opts.log(
      `${summary.registerRefused} JT/T 808 devices were refused: register their ids (147…, 88… for watches) ` +
        'with POST /api/v1/tracking/devices to have positions stored',
    );
  }
  return summary.unanswered > 0 || summary.connectFailures > 0 ? 1 : 0;
}
