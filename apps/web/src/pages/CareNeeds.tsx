/** The page's chunk: see care/needs/NeedsPage.tsx. */
export { default } from '../care/needs/NeedsPage';
