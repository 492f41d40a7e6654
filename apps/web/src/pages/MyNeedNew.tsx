/** The page's chunk: see care/needs/MyNeedNewPage.tsx. */
export { default } from '../care/needs/MyNeedNewPage';
