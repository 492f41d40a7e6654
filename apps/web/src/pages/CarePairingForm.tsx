/** The page's chunk: see care/visits/PairingFormPage.tsx. */
export { default } from '../care/visits/PairingFormPage';
