import { api } from '../../api';
import type { ProgramOut } from '../model';

/** PATCH the programme with If-Match (412 when someone else changed it first). */
export async function patchProgram(program: ProgramOut, body: Record<string, unknown>) {
  return api.patch<ProgramOut>(`/benefits/programs/${program.code}`, body, {
    headers: { 'If-Match': `"${program.version}"` },
  });
}
