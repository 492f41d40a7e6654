/** The page's chunk: see accompaniment/staff/DeskPage.tsx. */
export { default } from '../accompaniment/staff/DeskPage';
