/** The page's chunk: see care/hours/VolunteerHoursPage.tsx. */
export { default } from '../care/hours/VolunteerHoursPage';
