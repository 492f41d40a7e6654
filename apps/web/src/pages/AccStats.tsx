/** The page's chunk: see accompaniment/staff/StatsPage.tsx. */
export { default } from '../accompaniment/staff/StatsPage';
