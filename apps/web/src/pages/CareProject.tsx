/** The page's chunk: see care/plans/ProjectPage.tsx. */
export { default } from '../care/plans/ProjectPage';
