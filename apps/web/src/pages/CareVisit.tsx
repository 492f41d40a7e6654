/** The page's chunk: see care/visits/VisitPage.tsx. */
export { default } from '../care/visits/VisitPage';
