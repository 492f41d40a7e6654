/** The page's chunk: see tracking/map/TrackPage.tsx. */
export { default } from '../tracking/map/TrackPage';
