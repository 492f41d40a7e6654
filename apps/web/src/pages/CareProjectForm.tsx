/** The page's chunk: see care/plans/ProjectFormPage.tsx. */
export { default } from '../care/plans/ProjectFormPage';
