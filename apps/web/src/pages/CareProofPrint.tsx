/** The page's chunk: see care/hours/ProofPrintPage.tsx. */
export { default } from '../care/hours/ProofPrintPage';
