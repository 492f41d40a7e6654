/**
 * The simulated fleet: ids, protocol and edition of each device, and the frames it sends. JT/T 808
 * devices alternate between the 2013 and 2019 editions; watches speak `[SG*ID*LEN*…]`.
 */
import { encodeAuthenticate, encodeLocation, encodeRegister } from '../protocols/jt808/index.js';
import { encodeWatchKeepAlive, encodeWatchPosition, type WatchEncoded } from '../protocols/watch/index.js';
import type { WalkStep } from './walk.js';

export interface SimDevice {
  protocol: 'jt808' | 'watch';
  /** JT/T 808: the terminal phone without leading zeros; watch: the watch id. */
  uniqueId: string;
  edition: 2013 | 2019;
}

/**
 * `n` devices, the last `round(n × watchShare)` of them watches. Ids are fixed by the index:
 * JT/T 808 `147` + 8 digits, watches `88` + 8 digits (register these to have positions stored).
 */
export function simulatedDevices(n: number, watchShare: number, firstIndex = 0): SimDevice[] {
  const watches = Math.round(n * Math.min(1, Math.max(0, watchShare)));
  const out: SimDevice[] = [];
  for (let i = 0; i < n; i++) {
    const k = String(firstIndex + i).padStart(8, '0');
    if (i < n - watches) out.push({ protocol: 'jt808', uniqueId: `147${k}`, edition: i % 2 ? 2019 : 2013 });
    else out.push({ protocol: 'watch', uniqueId: `88${k}`, edition: 2013 });
  }
  return out;
}

const REGISTER = {
  province: 31,
  city: 106,
  maker: 'JINGL',
  model: 'SIM-W1',
  terminalId: 'SIM0001',
  plateColour: 0,
  plate: '',
};

const jt = (d: SimDevice, serial: number) => ({ edition: d.edition, phone: d.uniqueId, serial });

function watchText(e: WatchEncoded): Buffer {
  if (!e.ok) throw new RangeError(e.message);
  return Buffer.from(e.text, 'utf8');
}

export const frames = {
  register: (d: SimDevice, serial: number) => Buffer.concat(encodeRegister(jt(d, serial), REGISTER)),
  authenticate: (d: SimDevice, serial: number, code: string) =>
    Buffer.concat(
      encodeAuthenticate(jt(d, serial), {
        code,
        imei: `86${d.uniqueId.padStart(13, '0')}`.slice(0, 15),
        softwareVersion: 'sim-1.0',
      }),
    ),
  location: (d: SimDevice, serial: number, s: WalkStep, at: Date) =>
    Buffer.concat(
      encodeLocation(jt(d, serial), {
        fixTime: at,
        latitude: s.latitude,
        longitude: s.longitude,
        speedKmh: s.speedKmh,
        course: s.course,
        satellites: 9,
        signal: 25,
        batteryPercent: s.batteryPercent,
        alarms: s.sos ? ['sos'] : [],
      }),
    ),
  keepAlive: (d: SimDevice, battery: number) =>
    watchText(
      encodeWatchKeepAlive(
        { manufacturer: 'SG', deviceId: d.uniqueId },
        { steps: 0, rolls: 0, batteryPercent: battery },
      ),
    ),
  watchPosition: (d: SimDevice, s: WalkStep, at: Date) =>
    watchText(
      encodeWatchPosition({ manufacturer: 'SG', deviceId: d.uniqueId }, s.sos ? 'AL' : 'UD', {
        fixTime: at,
        valid: true,
        latitude: s.latitude,
        longitude: s.longitude,
        speedKmh: s.speedKmh,
        course: s.course,
        satellites: 9,
        batteryPercent: s.batteryPercent,
        alarms: s.sos ? ['sos'] : [],
      }),
    ),
};
