/** The page's chunk: see tracking/admin/CentresPage.tsx. */
export { default } from '../tracking/admin/CentresPage';
