/** The page's chunk: see care/queue/CareQueuePage.tsx. */
export { default } from '../care/queue/CareQueuePage';
