/**
 * The care network's activity in the demo (synthetic): pairings with registry persons, visits,
 * needs, a 暖心行动 project and service hours. Filled in by the next commit.
 */
import type { Platform } from '../platform/platform.js';
import type { CareNetworkIds } from './care.js';

export async function seedCareActivity(_p: Platform, _ids: CareNetworkIds): Promise<void> {}
