/** The page's chunk: see care/network/OrganisationsPage.tsx. */
export { default } from '../care/network/OrganisationsPage';
