/** The page's chunk: see care/hours/IssuerSettingsPage.tsx. */
export { default } from '../care/hours/IssuerSettingsPage';
