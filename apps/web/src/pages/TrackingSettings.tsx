/** The page's chunk: see tracking/admin/SettingsPage.tsx. */
export { default } from '../tracking/admin/SettingsPage';
