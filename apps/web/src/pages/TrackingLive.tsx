/** The page's chunk: see tracking/map/LivePage.tsx. */
export { default } from '../tracking/map/LivePage';
