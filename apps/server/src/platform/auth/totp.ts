/** TOTP (RFC 6238) second factor; a code is accepted once (its time step is remembered). */
import { authenticator } from 'otplib';

authenticator.options = { window: 1, step: 30, digits: 6 };

export const newTotpSecret = () => authenticator.generateSecret(20);
export const totpUri = (username: string, secret: string) =>
  authenticator.keyuri(username, '静邻 Jinglin', secret);

/** The accepted time step, or null. Rejects a step at or before `lastStep` (replay). */
export function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): number | null {
  const delta = authenticator.checkDelta(code, secret);
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / 30) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export const totpNow = (secret: string) => authenticator.generate(secret);
