/** What a tracking map draws (all positions WGS-84). */
import type { FixKind, LatLng } from './geo';

export interface MapMarker {
  id: string;
  position: LatLng;
  /** Text on the marker: initials or a short label. */
  label: string;
  /** A state symbol drawn before the label (■ offline, ▲ outside, ! alert…): never colour alone. */
  symbol?: string;
  kind?: 'normal' | 'offline' | 'outside' | 'alert' | 'current';
  /** false: not counted when fitting the view (a moving cursor). */
  fit?: boolean;
}

export interface MapZone {
  id: string;
  kind: 'circle' | 'polygon';
  center?: LatLng | null;
  radiusM?: number | null;
  points?: LatLng[] | null;
  /** Drawn dashed (the zone being edited). */
  draft?: boolean;
  /** Number the vertices (the polygon being edited, matching the coordinates table). */
  vertices?: boolean;
  /** A text label at the centre or first vertex. */
  label?: string;
}

export interface MapProps {
  /** Accessible name of the map region. */
  label: string;
  /** id of the text that describes the map (the table next to it). */
  describedBy?: string;
  zones?: readonly MapZone[];
  markers?: readonly MapMarker[];
  /** Track segments (good fixes only). */
  track?: readonly (readonly LatLng[])[];
  /** Individual fixes: good ones as dots, invalid and jumps as ×. */
  fixes?: readonly { position: LatLng; kind: FixKind }[];
  /** Refit the view to the data when this changes (not on every redraw). */
  fitKey?: string;
  /** Keep this point in view (the slider's marker). */
  follow?: LatLng | null;
  onMapClick?: (p: LatLng) => void;
  height?: number;
}
