/** The device simulator (`jinglin simulate`) and its terminal-side helpers. */
export { simulate, percentiles } from './simulate.js';
export type { SimulateOptions, SimulateSummary, LatencySummary } from './simulate.js';
export { simulatedDevices } from './devices.js';
export type { SimDevice } from './devices.js';
export { PlatformReplyReader, WatchReplyReader } from './replies.js';
export { TraineeWalk, DEFAULT_CENTRE, ZONE_RADIUS_M } from './walk.js';
