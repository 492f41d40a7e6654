/** The page's chunk: see care/hours/CorrectionsPage.tsx. */
export { default } from '../care/hours/CorrectionsPage';
