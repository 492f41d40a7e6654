import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spin aria-hidden="true" />
      <span>{t('app.loading')}</span>
    </div>
  );
}
