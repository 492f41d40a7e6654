/** The page's chunk: see care/visits/PairingsPage.tsx. */
export { default } from '../care/visits/PairingsPage';
