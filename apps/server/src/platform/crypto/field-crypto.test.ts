import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FieldCrypto, maskIdNumber, maskPhone, newKeyRing } from './field-crypto.js';

describe.each(['aes', 'sm'] as const)('field crypto (%s)', (mode) => {
  const ring = newKeyRing();
  const c = new FieldCrypto(ring, mode);

  it('round-trips any Unicode text, including rare CJK characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => c.decrypt(c.encrypt(s)) === s),
    );
    expect(c.decrypt(c.encrypt('阿依古丽·买买提 𠀀'))).toBe('阿依古丽·买买提 𠀀');
  });

  it('never writes the plaintext and uses a fresh IV each time', () => {
    const a = c.encrypt('31010619491231002X');
    const b = c.encrypt('31010619491231002X');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('310106');
  });

  it('detects a tampered ciphertext', () => {
    fc.assert(
      fc.property(fc.nat(), (i) => {
        const blob = c.encrypt('13800138000');
        const pos = 2 + (i % (blob.length - 2));
        blob[pos] = blob[pos]! ^ 0x01;
        expect(() => c.decrypt(blob)).toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('blind index: stable for equal values, different for different values and kinds', () => {
    expect(c.blindIndex('phone', '13800138000')).toBe(c.blindIndex('phone', '13800138000'));
    expect(c.blindIndex('phone', '13800138000')).not.toBe(c.blindIndex('phone', '13800138001'));
    expect(c.blindIndex('phone', '1')).not.toBe(c.blindIndex('id', '1'));
  });

  it('reads ciphertexts of an older key after rotation', () => {
    const old = c.encrypt('old value');
    const rotated = new FieldCrypto(
      { ...ring, active: 2, keys: { ...ring.keys, '2': newKeyRing().keys['1']! } },
      mode,
    );
    expect(rotated.decrypt(old)).toBe('old value');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt('x'))).toBe(true);
  });
});

describe('masks', () => {
  it('masks phone and ID numbers as the contract shows', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('31010619491231123X')).toBe('310106********123X');
  });
});
