/** The page's chunk: see care/plans/MeetingsPage.tsx. */
export { default } from '../care/plans/MeetingsPage';
