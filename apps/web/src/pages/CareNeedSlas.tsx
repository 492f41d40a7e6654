/** The page's chunk: see care/needs/SlaSettingsPage.tsx. */
export { default } from '../care/needs/SlaSettingsPage';
