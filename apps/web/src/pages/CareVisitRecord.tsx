/** The page's chunk: see care/visits/VisitRecordPage.tsx. */
export { default } from '../care/visits/VisitRecordPage';
