/** The proofs list for staff (care.hours): print, and revoke with a reason in a dialog. */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ReasonForm } from './forms';
import { useHT } from './i18n';
import type { Proof } from './model';
import { ProofsTable } from './ProofsTable';

export function StaffProofs({
  proofs,
  loading,
  showVolunteer = false,
  onChanged,
}: {
  proofs: readonly Proof[];
  loading?: boolean;
  showVolunteer?: boolean;
  onChanged?: () => void;
}) {
  const { t } = useHT();
  const announce = useAnnounce();
  const [revoking, setRevoking] = useState<Proof | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  return (
    <>
      <ProofsTable
        proofs={proofs}
        loading={loading}
        printBase="/care/proofs"
        showVolunteer={showVolunteer}
        actions={(p) =>
          p.revokedAt ? null : (
            <Button
              size="small"
              danger
              aria-label={t('proof.revokeFor', { no: p.certificateNo })}
              onClick={(e) => {
                trigger.current = e.currentTarget;
                setRevoking(p);
              }}
            >
              {t('proof.revoke')}
            </Button>
          )
        }
      />
      <Dialog
        open={revoking !== null}
        title={t('proof.revokeTitle')}
        onClose={() => setRevoking(null)}
        returnFocus={trigger}
        initialFocus="revokeProof_reason"
      >
        {revoking && (
          <ReasonForm
            formName="revokeProof"
            intro={t('proof.revokeIntro')}
            label={t('proof.revokeReason')}
            submitLabel={t('proof.revokeConfirm')}
            danger
            onCancel={() => setRevoking(null)}
            onSubmit={async (reason) => {
              await api.post(`/care/proofs/${revoking.id}/revoke`, { reason });
              const msg = t('proof.revoked', { no: revoking.certificateNo });
              setRevoking(null);
              announce(msg);
              onChanged?.();
            }}
          />
        )}
      </Dialog>
    </>
  );
}
