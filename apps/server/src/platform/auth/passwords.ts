import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '@jinglin/shared';
import { AppError } from '../errors.js';

// OWASP's argon2id baseline: m = 19 MiB, t = 2, p = 1.
const OPTS = {
  algorithm: 2 /* Argon2id (a const enum upstream) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string) => hash(password, OPTS);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** Verifying against this keeps an unknown user's sign-in as slow as a real one. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('jinglin-dummy-password-for-timing'));

export function assertStrongPassword(password: string, username?: string, path = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('password_too_weak', { fields: [{ path, code: problem }] });
}
