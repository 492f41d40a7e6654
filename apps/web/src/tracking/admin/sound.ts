/**
 * The alert sound: a beep made with the Web Audio API (no audio file). Browsers keep an
 * AudioContext suspended until the user has interacted with the page: `unlock()` is called from a
 * click ("enable sound"), and `blocked()` tells the page to offer that click.
 */
import { readMuted, writeMuted } from './model';

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ??
        (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return null;
  try {
    ctx = new Ctor();
  } catch {
    return null;
  }
  return ctx;
}

/** Is sound possible but still waiting for a user gesture? */
export function soundBlocked(): boolean {
  const c = context();
  return c !== null && c.state !== 'running';
}

export function soundSupported(): boolean {
  return context() !== null;
}

/** Call from a click handler: resumes the audio context. Resolves true when sound can play. */
export async function unlockSound(): Promise<boolean> {
  const c = context();
  if (!c) return false;
  try {
    await c.resume();
  } catch {
    return false;
  }
  return c.state === 'running';
}

/** Three short two-tone beeps (~1 s), loud enough to be heard across a room. */
export function beep(): void {
  const c = context();
  if (!c || c.state !== 'running') return;
  const start = c.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const t0 = start + i * 0.35;
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = 'square';
    osc.frequency.setValueAtTime(880, t0);
    osc.frequency.setValueAtTime(660, t0 + 0.12);
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.01);
    gain.gain.setValueAtTime(0.25, t0 + 0.22);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.25);
    osc.connect(gain).connect(c.destination);
    osc.start(t0);
    osc.stop(t0 + 0.26);
  }
}

// ---- the sound's state for every component of the page (mute remembered in localStorage)

export interface SoundState {
  muted: boolean;
  /** Sound is wanted but the browser waits for a click. */
  blocked: boolean;
}

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

let state: SoundState = { muted: readMuted(storage()), blocked: true };
const listeners = new Set<() => void>();

function set(next: Partial<SoundState>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export const soundStore = {
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  get(): SoundState {
    return state;
  },
  refresh(): void {
    const blocked = soundBlocked();
    if (blocked !== state.blocked) set({ blocked });
  },
  setMuted(muted: boolean): void {
    writeMuted(storage(), muted);
    set({ muted });
  },
  async enable(): Promise<boolean> {
    const ok = await unlockSound();
    set({ blocked: !ok, muted: ok ? false : state.muted });
    if (ok) writeMuted(storage(), false);
    return ok;
  },
};
