/** The page's chunk: see accompaniment/staff/BookingsPage.tsx. */
export { default } from '../accompaniment/staff/BookingsPage';
