/**
 * Trainees walking around a day centre: a random walk at walking pace that steers back inside the
 * zone, now and then wanders off beyond it for a while, and now and then presses SOS. Seeded, so a
 * run can be repeated.
 */
import type { LatLng } from '../geo/index.js';

/** 静安区临汾路街道 area: the default centre. */
export const DEFAULT_CENTRE: LatLng = { latitude: 31.3, longitude: 121.45 };
/** The simulated safe zone's radius, metres. */
export const ZONE_RADIUS_M = 300;

const M_PER_DEG_LAT = 111_195;

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WalkStep extends LatLng {
  speedKmh: number;
  course: number;
  /** Outside the zone's radius. */
  outside: boolean;
  /** The trainee just crossed out of the zone. */
  leftZone: boolean;
  sos: boolean;
  batteryPercent: number;
}

export interface WalkOptions {
  centre?: LatLng;
  /** Chance per step of starting to wander off (default 0.002). */
  wanderChance?: number;
  /** Chance per step of pressing SOS (default 0.001). */
  sosChance?: number;
}

/** One trainee. `step(dtS)` moves them and returns the new fix. */
export class TraineeWalk {
  private x: number;
  private y: number;
  private heading: number;
  private wandering = 0;
  private outside = false;
  private battery: number;
  private readonly centre: LatLng;
  private readonly mPerDegLon: number;

  constructor(
    private readonly rand: () => number,
    private readonly o: WalkOptions = {},
  ) {
    this.centre = o.centre ?? DEFAULT_CENTRE;
    this.mPerDegLon = M_PER_DEG_LAT * Math.cos((this.centre.latitude * Math.PI) / 180);
    const r = 150 * Math.sqrt(rand());
    const a = rand() * 2 * Math.PI;
    this.x = r * Math.cos(a);
    this.y = r * Math.sin(a);
    this.heading = rand() * 360;
    this.battery = 60 + Math.floor(rand() * 40);
  }

  step(dtS: number): WalkStep {
    const rand = this.rand;
    const dist = Math.hypot(this.x, this.y);
    if (this.wandering > 0) {
      this.wandering--;
      // head away from the centre
      this.heading = (Math.atan2(this.x, this.y) * 180) / Math.PI + (rand() - 0.5) * 30;
    } else if (rand() < (this.o.wanderChance ?? 0.002)) {
      this.wandering = 60 + Math.floor(rand() * 120);
    } else if (dist > ZONE_RADIUS_M * 0.7) {
      // steer back towards the centre
      this.heading = (Math.atan2(-this.x, -this.y) * 180) / Math.PI + (rand() - 0.5) * 60;
    } else {
      this.heading += (rand() - 0.5) * 50;
    }
    this.heading = ((this.heading % 360) + 360) % 360;
    const speed = 0.6 + rand() * 1.2; // m/s
    const d = speed * dtS;
    const rad = (this.heading * Math.PI) / 180;
    this.x += d * Math.sin(rad);
    this.y += d * Math.cos(rad);
    const outside = Math.hypot(this.x, this.y) > ZONE_RADIUS_M;
    const leftZone = outside && !this.outside;
    this.outside = outside;
    if (rand() < 0.001 && this.battery > 5) this.battery--;
    return {
      latitude: this.centre.latitude + this.y / M_PER_DEG_LAT,
      longitude: this.centre.longitude + this.x / this.mPerDegLon,
      speedKmh: Math.round(speed * 36) / 10,
      course: Math.round(this.heading) % 360,
      outside,
      leftZone,
      sos: rand() < (this.o.sosChance ?? 0.001),
      batteryPercent: this.battery,
    };
  }
}
