/** The page's chunk: see accompaniment/portal/BookPage.tsx. */
export { default } from '../accompaniment/portal/BookPage';
