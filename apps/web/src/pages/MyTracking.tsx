/** The page's chunk: see tracking/map/MyTrackingPage.tsx. */
export { default } from '../tracking/map/MyTrackingPage';
