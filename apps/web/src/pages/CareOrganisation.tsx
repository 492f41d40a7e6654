/** The page's chunk: see care/network/OrganisationPage.tsx. */
export { default } from '../care/network/OrganisationPage';
