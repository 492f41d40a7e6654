/** The page's chunk: see care/plans/ProjectsPage.tsx. */
export { default } from '../care/plans/ProjectsPage';
