/** The page's chunk: see care/hours/ProofsPage.tsx. */
export { default } from '../care/hours/ProofsPage';
