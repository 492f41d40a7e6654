/** The page's chunk: see care/network/VolunteerFormPage.tsx. */
export { default } from '../care/network/VolunteerFormPage';
