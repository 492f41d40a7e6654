/** The page's chunk: see care/visits/MyCarePage.tsx. */
export { default } from '../care/visits/MyCarePage';
