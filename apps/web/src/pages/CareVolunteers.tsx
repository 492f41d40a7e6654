/** The page's chunk: see care/network/VolunteersPage.tsx. */
export { default } from '../care/network/VolunteersPage';
