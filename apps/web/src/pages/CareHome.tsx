/** The page's chunk: see care/network/CareHomePage.tsx. */
export { default } from '../care/network/CareHomePage';
