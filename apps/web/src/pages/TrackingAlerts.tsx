/** The page's chunk: see tracking/admin/AlertsPage.tsx. */
export { default } from '../tracking/admin/AlertsPage';
