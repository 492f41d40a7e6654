/** Pure helpers of the staff accompaniment pages (unit-tested in staff.test.ts). */

/** Departments without a code get d1, d2, … (not already taken). */
export function withCodes(deps: { code?: string; name: string }[]): { code: string; name: string }[] {
  const taken = new Set(deps.map((d) => d.code?.trim()).filter(Boolean));
  let n = 1;
  return deps.map((d) => {
    const code = d.code?.trim();
    if (code) return { code, name: d.name.trim() };
    while (taken.has(`d${n}`)) n++;
    taken.add(`d${n}`);
    return { code: `d${n}`, name: d.name.trim() };
  });
}

/** Volunteers grouped by why they could not take the booking, the largest group last. */
export function byReason(refusals: Record<string, string>): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const [vid, why] of Object.entries(refusals)) groups.set(why, [...(groups.get(why) ?? []), vid]);
  return [...groups].sort((a, b) => a[1].length - b[1].length);
}
