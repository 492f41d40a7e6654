import { describe, expect, it } from 'vitest';
import { idDocumentProblem } from './id-documents.js';
import { idCheckChar } from './idcard.js';

const resident = (first17: string) => first17 + idCheckChar(first17);

describe('idDocumentProblem', () => {
  it('checks a resident ID in full (GB 11643), full-width and lower-case x accepted', () => {
    expect(idDocumentProblem('resident_id', resident('31010619800101901'))).toBeNull();
    const good = resident('11010519491231002');
    expect(
      idDocumentProblem(
        'resident_id',
        good.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      ),
    ).toBeNull();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(idDocumentProblem('resident_id', bad)).toBe('invalid_checksum');
    expect(idDocumentProblem('resident_id', '31010619801301901X')).not.toBeNull();
    expect(idDocumentProblem('resident_id', 'H12345678')).toBe('invalid_format');
  });

  it('checks the other documents by their forms', () => {
    expect(idDocumentProblem('hk_macao_permit', 'H12345678')).toBeNull();
    expect(idDocumentProblem('hk_macao_permit', 'm1234567890')).toBeNull();
    expect(idDocumentProblem('hk_macao_permit', '12345678')).toBe('id_number_for_type');
    expect(idDocumentProblem('taiwan_permit', '01234567')).toBeNull();
    expect(idDocumentProblem('taiwan_permit', 'T1234567')).toBe('id_number_for_type');
    expect(idDocumentProblem('passport', 'E12345678')).toBeNull();
    expect(idDocumentProblem('passport', 'E1')).toBe('id_number_for_type');
    expect(idDocumentProblem('foreign_permanent_id', 'USA310112345678')).toBeNull();
    const fp = resident('93310619800101901');
    expect(idDocumentProblem('foreign_permanent_id', fp)).toBeNull();
    expect(idDocumentProblem('foreign_permanent_id', fp.slice(0, 17) + (fp[17] === '0' ? '1' : '0'))).toBe(
      'invalid_checksum',
    );
    // A resident ID number under a passport type is a mismatch the form names.
    expect(idDocumentProblem('hk_macao_permit', resident('31010619800101901'))).toBe('id_number_for_type');
  });
});
