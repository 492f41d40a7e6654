/**
 * The accompaniment portal's data (the server's Acc… outputs) and pure helpers: a visit's time in
 * words, which calendar occurrences can be booked and why not, the reference read out.
 */
export type AccService = 'sign_language' | 'blind_guide' | 'wheelchair';
export const SERVICES: readonly AccService[] = ['sign_language', 'blind_guide', 'wheelchair'];
export const STEPS = [
  'registration',
  'consultation',
  'tests',
  'payment',
  'pharmacy',
  'interpretation',
] as const;
export type Step = (typeof STEPS)[number];
export const RATINGS = [5, 4, 3, 2, 1] as const;

export interface Hospital {
  id: string;
  code: string;
  name: string;
  address: string;
  meetingPoint: string;
  departments: { code: string; name: string }[];
  active: boolean;
}

export interface Occurrence {
  sessionId: string;
  hospitalId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  services: AccService[];
  booked: number;
  unfilled: number;
  off: { kind: 'holiday' | 'cancelled'; reason: string } | null;
}

export interface Booking {
  id: string;
  ref: string;
  hospital: { id: string; name: string; meetingPoint: string };
  sessionId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  service: AccService;
  department: string;
  note: string;
  state: 'booked' | 'cancelled' | 'checked_in' | 'completed' | 'no_show';
  personName: string;
  volunteer: { id: string; name: string } | null;
  rating: number | null;
  feedback: string;
  version: number;
}

export interface Offer {
  id: string;
  state: 'offered' | 'accepted' | 'declined' | 'withdrawn';
  booking: Pick<
    Booking,
    | 'id'
    | 'ref'
    | 'hospital'
    | 'date'
    | 'startsAt'
    | 'endsAt'
    | 'service'
    | 'department'
    | 'note'
    | 'personName'
    | 'state'
  >;
}

export const MY_BOOKINGS_KEY = ['accompaniment', 'me', 'bookings'] as const;
export const MY_OFFERS_KEY = ['accompaniment', 'me', 'offers'] as const;
export const HOSPITALS_KEY = ['accompaniment', 'hospitals'] as const;

const TZ = 'Asia/Shanghai';

/** "2026年12月1日星期二 下午2:00 至 下午4:30" / "Tuesday, December 1, 2026, 2:00 PM to 4:30 PM". */
export function whenInWords(startsAt: string, endsAt: string, lang: string): string {
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  const day = new Intl.DateTimeFormat(locale, { timeZone: TZ, dateStyle: 'full' }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: TZ,
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  });
  const from = time.format(new Date(startsAt));
  const to = time.format(new Date(endsAt));
  return lang === 'en' ? `${day}, ${from} to ${to}` : `${day} ${from} 至 ${to}`;
}

/** Today's Shanghai date. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Why an occurrence cannot be booked for a service (null: it can). */
export type Unbookable = 'holiday' | 'cancelled' | 'full' | 'service' | 'past';
export function unbookable(
  o: Occurrence,
  service: AccService | undefined,
  now = Date.now(),
): Unbookable | null {
  if (o.off) return o.off.kind;
  if (Date.parse(o.startsAt) <= now) return 'past';
  if (service && !o.services.includes(service)) return 'service';
  if (o.booked >= o.capacity) return 'full';
  return null;
}

export const occurrenceKey = (o: { sessionId: string; date: string }) => `${o.sessionId}|${o.date}`;
export function parseOccurrenceKey(key: string): { sessionId: string; date: string } {
  const [sessionId = '', date = ''] = key.split('|');
  return { sessionId, date };
}

/** Upcoming first (soonest first), then the rest (latest first). */
export function splitBookings(list: readonly Booking[], now = Date.now()) {
  const upcoming = list
    .filter((b) => (b.state === 'booked' || b.state === 'checked_in') && Date.parse(b.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = list.filter((b) => !upcoming.includes(b)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, past };
}

/** A reference read out character by character ("P Z 2 0 2 6 …"). */
export function spokenRef(ref: string): string {
  return ref.replace(/-/g, '').split('').join(' ');
}
