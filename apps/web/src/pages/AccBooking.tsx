/** The page's chunk: see accompaniment/staff/BookingPage.tsx. */
export { default } from '../accompaniment/staff/BookingPage';
