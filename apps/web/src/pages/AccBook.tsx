/** The page's chunk: see accompaniment/staff/BookPage.tsx. */
export { default } from '../accompaniment/staff/BookPage';
