/**
 * First-start work, idempotent: the district's streets; when the database has no users, the
 * administrator account (JINGLIN_ADMIN_PASSWORD, or a random password printed once) and, on a demo
 * database, the synthetic demo district with its JINGLIN_DEMO_PERSONS synthetic persons.
 */
import type { Platform } from './platform/platform.js';
import { systemActor } from './platform/access/actor.js';
import { randomToken } from './platform/crypto/field-crypto.js';
import { AreasService } from './modules/areas/areas.service.js';
import { UsersService } from './modules/users/users.service.js';
import { countAll } from './modules/users/users.repo.js';
import { seedDemo, type DemoAccount } from './seed/demo.js';
import { linkDemoResidents, seedBenefitHistory, seedBenefitPrograms, seedPayees } from './seed/benefits.js';
import { hasPersons, seedPersons, type SeedPersonsResult } from './seed/persons.js';
import { seedTracking } from './seed/tracking.js';
import { seedCare } from './seed/care.js';
import { seedAccompaniment } from './seed/accompaniment.js';

export interface BootstrapResult {
  adminCreated: boolean;
  /** Only when generated: the caller prints it once. */
  generatedAdminPassword?: string;
  demoAccounts: DemoAccount[];
  /** What the demo district's registry was filled with, and how long it took. */
  demoPersons?: SeedPersonsResult & { seconds: number };
}

/** The demo district's registry is the same district on every fresh demo database. */
export const DEMO_SEED = 1;

export async function bootstrap(
  p: Platform,
  opts: { onDemoPersons?: (count: number) => void } = {},
): Promise<BootstrapResult> {
  const areas = new AreasService(p);
  await p.database.db.transaction(async (tx) => areas.ensureStreets(tx));
  const out: BootstrapResult = { adminCreated: false, demoAccounts: [] };
  if ((await countAll(p.database.db)) > 0) return out;
  const password = p.config.adminPassword ?? randomToken(12);
  // The operator's JINGLIN_ADMIN_PASSWORD is taken as given; the policy guards passwords set later.
  await new UsersService(p).create(
    systemActor(),
    { username: 'admin', password, displayName: '系统管理员', roles: ['district_admin'] },
    { enforcePolicy: false },
  );
  out.adminCreated = true;
  if (!p.config.adminPassword) out.generatedAdminPassword = password;
  if (p.config.demo) {
    out.demoAccounts = await seedDemo(p, { password });
    if (p.config.demoPersons > 0 && !(await hasPersons(p))) {
      opts.onDemoPersons?.(p.config.demoPersons);
      const started = performance.now();
      const r = await seedPersons(p, { count: p.config.demoPersons, seed: DEMO_SEED });
      out.demoPersons = { ...r, seconds: (performance.now() - started) / 1000 };
    }
    await seedBenefitPrograms(p);
    if (await hasPersons(p)) {
      await linkDemoResidents(p);
      await seedPayees(p);
      await seedBenefitHistory(p);
      out.demoAccounts.push(...(await seedTracking(p, { password })));
    }
    out.demoAccounts.push(...(await seedCare(p, { password })));
    out.demoAccounts.push(...(await seedAccompaniment(p, { password })));
  }
  return out;
}
