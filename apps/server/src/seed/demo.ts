/**
 * The synthetic demo district: 264 made-up communities over the real 13 streets and 1 town, and one
 * demo account per kind of work. Demo accounts share the administrator's password (set by the
 * operator or printed once), so a demo deploy has no extra secret and no fixed default password.
 * Phone numbers are from the 170 range reserved here for fiction and belong to nobody we know of.
 */
import type { Role } from '@jinglin/shared';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/access/actor.js';
import { AreasService } from '../modules/areas/areas.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { listAreas } from '../modules/areas/areas.repo.js';

export interface DemoAccount {
  username: string;
  roles: Role[];
  phone?: string;
}

export async function seedDemo(p: Platform, opts: { password: string }): Promise<DemoAccount[]> {
  const areas = new AreasService(p);
  await p.database.db.transaction(async (tx) => {
    await areas.ensureStreets(tx);
    await areas.ensureDemoCommunities(tx);
  });
  const { communities } = await listAreas(p.database.db, {
    district: true,
    streets: [],
    communities: [],
    grantIds: [],
  });
  const linfen = communities.find((c) => c.streetCode === 'linfenlu')!;
  const accounts: (DemoAccount & { displayName: string; streetCode?: string; communityId?: string })[] = [
    { username: 'demo_district', displayName: '区残联工作人员（示例）', roles: ['district_officer'] },
    { username: 'demo_auditor', displayName: '审计管理员（示例）', roles: ['auditor'] },
    {
      username: 'demo_street',
      displayName: '临汾路街道残联专职（示例）',
      roles: ['street_officer'],
      streetCode: 'linfenlu',
    },
    {
      username: 'demo_street_b',
      displayName: '北站街道残联专职（示例）',
      roles: ['street_officer'],
      streetCode: 'beizhan',
    },
    {
      username: 'demo_community',
      displayName: '助残员（示例）',
      roles: ['community_worker'],
      communityId: linfen.id,
    },
    { username: 'demo_resident', displayName: '居民（示例）', roles: ['resident'], phone: '17000000001' },
    { username: 'demo_guardian', displayName: '监护人（示例）', roles: ['guardian'], phone: '17000000002' },
  ];
  const users = new UsersService(p);
  for (const a of accounts) {
    await users.create(
      systemActor(),
      {
        username: a.username,
        displayName: a.displayName,
        roles: a.roles,
        ...(a.phone ? { phone: a.phone } : { password: opts.password }),
        ...(a.streetCode ? { streetCode: a.streetCode } : {}),
        ...(a.communityId ? { communityId: a.communityId } : {}),
      },
      { enforcePolicy: false },
    );
  }
  return accounts.map(({ username, roles, phone }) => ({ username, roles, ...(phone ? { phone } : {}) }));
}
