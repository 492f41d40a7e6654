/** The page's chunk: see care/needs/MyNeedsPage.tsx. */
export { default } from '../care/needs/MyNeedsPage';
