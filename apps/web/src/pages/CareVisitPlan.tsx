/** The page's chunk: see care/visits/VisitPlanPage.tsx. */
export { default } from '../care/visits/VisitPlanPage';
