import { JINGAN_STREETS, type StreetOut } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import * as repo from './areas.repo.js';

/** Synthetic community (居委) name parts for the demo district; real names come from an import. */
const PARTS_A = [
  '安康',
  '和平',
  '晨光',
  '景苑',
  '春晖',
  '梅园',
  '兰亭',
  '新华',
  '康乐',
  '永和',
  '慧芝',
  '锦绣',
  '长乐',
  '明德',
  '嘉园',
  '丰裕',
  '瑞福',
  '荣华',
  '怡景',
  '祥和',
];

export function demoCommunityNames(streetIndex: number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(`${PARTS_A[(streetIndex * 7 + i) % PARTS_A.length]}${i + 1}居民区（示例）`);
  return out;
}

export class AreasService {
  constructor(private readonly p: Platform) {}

  async list(actor: Actor): Promise<{ items: StreetOut[]; communityCount: number }> {
    const { streets, communities } = await repo.listAreas(this.p.database.db, actor.scope);
    return {
      items: streets.map((s) => ({
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        kind: s.kind,
        statCode: s.statCode,
        communities: communities
          .filter((c) => c.streetCode === s.code)
          .map((c) => ({ id: c.id, name: c.name })),
      })),
      communityCount: communities.length,
    };
  }

  async get(actor: Actor, code: string): Promise<StreetOut> {
    const all = await this.list(actor);
    const s = all.items.find((x) => x.code === code);
    if (!s) throw notFound();
    return s;
  }

  async addCommunity(
    actor: Actor,
    streetCode: string,
    name: string,
  ): Promise<{ id: string; name: string; streetCode: string }> {
    return this.p.database.db.transaction(async (tx) => {
      if (!(await repo.findStreet(tx, streetCode)))
        throw new AppError('validation_failed', { fields: [{ path: 'streetCode', code: 'not_found' }] });
      const id = newId();
      if (!(await repo.insertCommunity(tx, { id, streetCode, name })))
        throw new AppError('conflict', { fields: [{ path: 'name', code: 'taken' }] });
      await recordAudit(tx, actor, {
        action: 'area.community.create',
        objectType: 'community',
        objectId: id,
        details: { streetCode },
      });
      return { id, name, streetCode };
    });
  }

  /** The 13 streets and 1 town; idempotent. */
  async ensureStreets(tx: Tx): Promise<void> {
    let sort = 0;
    for (const s of JINGAN_STREETS)
      await repo.upsertStreet(tx, { ...s, statCode: s.statCode ?? null, sort: sort++ });
  }

  /** About 264 synthetic communities spread over the streets (demo district only). */
  async ensureDemoCommunities(tx: Tx): Promise<number> {
    if ((await repo.countCommunities(tx)) > 0) return 0;
    let n = 0;
    for (const [i, s] of JINGAN_STREETS.entries()) {
      const count = i < 2 ? 18 : 19; // 264 in all, as in the real district
      for (const name of demoCommunityNames(i, count)) {
        if (await repo.insertCommunity(tx, { id: newId(), streetCode: s.code, name })) n++;
      }
    }
    return n;
  }

  /** Rows of (street name or code, community name) from a spreadsheet import; returns how many were new. */
  async importCommunities(
    tx: Tx,
    rows: { street: string; community: string }[],
  ): Promise<{ added: number; errors: { row: number; message: string }[] }> {
    const byName = new Map(
      JINGAN_STREETS.flatMap(
        (s) =>
          [
            [s.name, s.code],
            [s.code, s.code],
          ] as const,
      ),
    );
    let added = 0;
    const errors: { row: number; message: string }[] = [];
    for (const [i, r] of rows.entries()) {
      const code = byName.get(r.street.trim());
      const name = r.community.trim();
      if (!code) errors.push({ row: i + 2, message: `unknown street: ${r.street}` });
      else if (!name) errors.push({ row: i + 2, message: 'empty community name' });
      else if (await repo.insertCommunity(tx, { id: newId(), streetCode: code, name })) added++;
    }
    return { added, errors };
  }
}
