/** The page's chunk: see accompaniment/staff/CalendarPage.tsx. */
export { default } from '../accompaniment/staff/CalendarPage';
