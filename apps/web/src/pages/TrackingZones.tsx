/** The page's chunk: see tracking/map/ZonesPage.tsx. */
export { default } from '../tracking/map/ZonesPage';
