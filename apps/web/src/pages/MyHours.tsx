/** The page's chunk: see care/hours/MyHoursPage.tsx. */
export { default } from '../care/hours/MyHoursPage';
