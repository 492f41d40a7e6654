/** The page's chunk: see tracking/admin/DevicesPage.tsx. */
export { default } from '../tracking/admin/DevicesPage';
