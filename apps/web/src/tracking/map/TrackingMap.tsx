/**
 * A tracking map with its text: the Leaflet map (its own lazily loaded chunk), a note when there
 * are no tiles, and the legend of marker symbols. The data table that describes the same things is
 * the page's, placed right after (pass its id as `describedBy`).
 */
import { lazy, Suspense } from 'react';
import { useMT } from './i18n';
import { NO_TILES, useMapConfig } from './model';
import type { MapProps } from './types';
import './map.css';

const LeafletMap = lazy(() => import('./LeafletMap'));

export function TrackingMap(props: MapProps & { legend?: boolean }) {
  const { t } = useMT();
  const config = useMapConfig();
  const height = props.height ?? 420;
  const cfg = config.data ?? (config.isError ? NO_TILES : null);
  return (
    <figure className="tm-figure">
      {cfg ? (
        <Suspense fallback={<MapPlaceholder height={height} />}>
          <LeafletMap
            {...props}
            config={cfg}
            texts={{
              zoomIn: t('map.zoomIn'),
              zoomOut: t('map.zoomOut'),
              noTilesShort: t('map.noTilesShort'),
            }}
          />
        </Suspense>
      ) : (
        <MapPlaceholder height={height} />
      )}
      <figcaption className="tm-caption">
        {cfg && !cfg.tileUrl && <span>{t('map.noTiles')} </span>}
        {props.legend !== false && <span>{t('map.legend')} </span>}
        <span>{t('map.tableNote')}</span>
      </figcaption>
    </figure>
  );
}

function MapPlaceholder({ height }: { height: number }) {
  const { t } = useMT();
  return (
    <div className="tm-map tm-map-plain tm-map-loading" style={{ height }}>
      <p>{t('map.loading')}</p>
    </div>
  );
}
