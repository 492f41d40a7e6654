/** The page's chunk: see care/needs/NeedFormPage.tsx. */
export { default } from '../care/needs/NeedFormPage';
