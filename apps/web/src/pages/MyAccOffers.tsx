/** The page's chunk: see accompaniment/portal/OffersPage.tsx. */
export { default } from '../accompaniment/portal/OffersPage';
