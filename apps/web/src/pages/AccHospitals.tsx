/** The page's chunk: see accompaniment/staff/HospitalsPage.tsx. */
export { default } from '../accompaniment/staff/HospitalsPage';
