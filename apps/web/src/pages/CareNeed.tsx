/** The page's chunk: see care/needs/NeedPage.tsx. */
export { default } from '../care/needs/NeedPage';
