/** The page's chunk: see accompaniment/portal/MyBookingsPage.tsx. */
export { default } from '../accompaniment/portal/MyBookingsPage';
