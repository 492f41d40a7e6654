/** The page's chunk: see care/plans/MeetingFormPage.tsx. */
export { default } from '../care/plans/MeetingFormPage';
