/**
 * The Leaflet map behind every tracking page (loaded lazily by TrackingMap.tsx, so only the
 * tracking routes download Leaflet). Data comes in WGS-84; with GCJ-02 tiles it is converted for
 * drawing and clicks are converted back (geo.ts). With no tile URL the map draws a plain grid that
 * pans and zooms like tiles, a scale bar, the zones, tracks and labelled markers.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { fromDisplay, subdomainsOf, toDisplay, type LatLng, type TileCrs } from './geo';
import type { MapConfig } from './model';
import type { MapMarker, MapProps } from './types';

/** Jing'an district, when there is nothing to show. */
const DEFAULT_CENTRE: [number, number] = [31.2295, 121.4482];

/** A light grid in place of tiles: it moves with the map, so panning and zooming are visible. */
const GridLayer = L.GridLayer.extend({
  createTile() {
    const el = document.createElement('div');
    el.className = 'tm-grid-tile';
    return el;
  },
}) as unknown as typeof L.GridLayer;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function markerIcon(m: MapMarker): L.DivIcon {
  const symbol = m.symbol ? `<span class="tm-symbol" aria-hidden="true">${escapeHtml(m.symbol)}</span>` : '';
  // A zero-size anchor at the point; the visible pin is centred on it by CSS.
  return L.divIcon({
    className: 'tm-anchor',
    html: `<span class="tm-marker tm-marker-${m.kind ?? 'normal'}">${symbol}<span class="tm-label">${escapeHtml(m.label)}</span></span>`,
    iconSize: [0, 0],
  });
}

export default function LeafletMap(props: MapProps & { config: MapConfig; texts: MapTexts }) {
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const data = useRef<L.LayerGroup | null>(null);
  const fitted = useRef<string | null>(null);
  const onClick = useRef(props.onMapClick);
  useEffect(() => {
    onClick.current = props.onMapClick;
  });
  const crs: TileCrs = props.config.tileCrs;
  const tileUrl = props.config.tileUrl;

  // The map itself: once per tile configuration.
  useEffect(() => {
    if (!host.current) return;
    const m = L.map(host.current, {
      zoomControl: false,
      attributionControl: true,
      center: DEFAULT_CENTRE,
      zoom: 15,
      maxZoom: 19,
      minZoom: 3,
      // Half steps fit the data better; tiles would show seams at fractional zooms.
      zoomSnap: tileUrl ? 1 : 0.5,
    });
    L.control.zoom({ zoomInTitle: props.texts.zoomIn, zoomOutTitle: props.texts.zoomOut }).addTo(m);
    L.control.scale({ imperial: false, maxWidth: 160 }).addTo(m);
    m.attributionControl.setPrefix('Leaflet');
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        subdomains: subdomainsOf(tileUrl),
        attribution: escapeHtml(props.config.attribution),
      }).addTo(m);
    } else {
      new GridLayer({ tileSize: 128 }).addTo(m);
      m.attributionControl.addAttribution(escapeHtml(props.texts.noTilesShort));
    }
    m.on('click', (e: L.LeafletMouseEvent) =>
      onClick.current?.(fromDisplay(e.latlng.lat, e.latlng.lng, crs)),
    );
    data.current = L.layerGroup().addTo(m);
    map.current = m;
    fitted.current = null;
    return () => {
      m.remove();
      map.current = null;
      data.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tileUrl, crs]);

  // The data: redrawn whenever it changes (the live map polls every 5 s); the view is kept.
  useEffect(() => {
    const m = map.current;
    const group = data.current;
    if (!m || !group) return;
    group.clearLayers();
    const bounds: [number, number][] = [];
    const at = (p: LatLng) => {
      const d = toDisplay(p, crs);
      bounds.push(d);
      return d;
    };
    for (const z of props.zones ?? []) {
      const cls = `tm-zone${z.draft ? ' tm-zone-draft' : ''}`;
      if (z.kind === 'circle' && z.center && z.radiusM) {
        const c = at(z.center);
        L.circle(c, { radius: z.radiusM, className: cls, interactive: false }).addTo(group);
        const dLat = z.radiusM / 111_320;
        const dLng = dLat / Math.cos((c[0] * Math.PI) / 180);
        bounds.push([c[0] + dLat, c[1] + dLng], [c[0] - dLat, c[1] - dLng]);
      } else if (z.points && z.points.length > 0) {
        const pts = z.points.map(at);
        if (z.points.length >= 3) L.polygon(pts, { className: cls, interactive: false }).addTo(group);
        else L.polyline(pts, { className: cls, interactive: false }).addTo(group);
      }
      if (z.vertices) {
        z.points?.forEach((p, i) =>
          L.marker(toDisplay(p, crs), {
            icon: L.divIcon({ className: 'tm-vertex', html: String(i + 1), iconSize: [22, 22] }),
            keyboard: false,
            interactive: false,
          }).addTo(group),
        );
      }
      // The name at the circle's northern edge (or the first vertex), clear of markers inside.
      const labelAt =
        z.kind === 'circle' && z.center && z.radiusM
          ? { latitude: z.center.latitude + z.radiusM / 111_320, longitude: z.center.longitude }
          : z.points?.[0];
      if (z.label && labelAt) {
        L.marker(toDisplay(labelAt, crs), {
          icon: L.divIcon({
            className: 'tm-anchor',
            html: `<span class="tm-zone-label">${escapeHtml(z.label)}</span>`,
            iconSize: [0, 0],
          }),
          keyboard: false,
          interactive: false,
        }).addTo(group);
      }
    }
    for (const seg of props.track ?? []) {
      if (seg.length > 1) L.polyline(seg.map(at), { className: 'tm-track', interactive: false }).addTo(group);
    }
    for (const f of props.fixes ?? []) {
      // Invalid fixes and jumps are drawn but never stretch the view (one can be kilometres off).
      const d = f.kind === 'ok' ? at(f.position) : toDisplay(f.position, crs);
      if (f.kind === 'ok')
        L.circleMarker(d, { radius: 3, className: 'tm-fix', interactive: false }).addTo(group);
      else
        L.marker(d, {
          icon: L.divIcon({ className: 'tm-fix-bad', html: '×', iconSize: [16, 16] }),
          keyboard: false,
          interactive: false,
        }).addTo(group);
    }
    for (const mk of props.markers ?? []) {
      const d = mk.fit === false ? toDisplay(mk.position, crs) : at(mk.position);
      L.marker(d, { icon: markerIcon(mk), keyboard: false, interactive: false }).addTo(group);
    }
    const key = props.fitKey ?? 'default';
    if (fitted.current !== key && bounds.length > 0) {
      fitted.current = key;
      if (bounds.length === 1) m.setView(bounds[0]!, 17);
      else m.fitBounds(L.latLngBounds(bounds), { padding: [32, 32], maxZoom: 18 });
    }
  }, [props.zones, props.markers, props.track, props.fixes, props.fitKey, crs]);

  // Follow a moving point (the track slider) without refitting.
  useEffect(() => {
    const m = map.current;
    if (!m || !props.follow) return;
    const d = L.latLng(toDisplay(props.follow, crs));
    if (!m.getBounds().pad(-0.1).contains(d)) m.panTo(d, { animate: false });
  }, [props.follow, crs]);

  return (
    <div
      ref={host}
      className={tileUrl ? 'tm-map' : 'tm-map tm-map-plain'}
      style={{ height: props.height ?? 420 }}
      role="region"
      aria-label={props.label}
      aria-describedby={props.describedBy}
    />
  );
}

export interface MapTexts {
  zoomIn: string;
  zoomOut: string;
  noTilesShort: string;
}
