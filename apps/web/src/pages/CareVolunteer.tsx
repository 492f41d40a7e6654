/** The page's chunk: see care/network/VolunteerPage.tsx. */
export { default } from '../care/network/VolunteerPage';
