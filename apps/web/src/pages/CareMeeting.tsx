/** The page's chunk: see care/plans/MeetingPage.tsx. */
export { default } from '../care/plans/MeetingPage';
