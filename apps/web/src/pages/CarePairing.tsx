/** The page's chunk: see care/visits/PairingPage.tsx. */
export { default } from '../care/visits/PairingPage';
