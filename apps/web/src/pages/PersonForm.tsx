import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { usePerson } from '../queries';
import { PersonEditor } from './person-form/PersonEditor';

/** /persons/new and /persons/:id/edit. */
export default function PersonForm() {
  const { id } = useParams();
  return id ? <EditPerson id={id} /> : <CreatePerson />;
}

function CreatePerson() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('personForm.createTitle')} />
      <p>{t('personForm.createIntro')}</p>
      <PersonEditor person={null} />
    </>
  );
}

function EditPerson({ id }: { id: string }) {
  const { t } = useTranslation();
  const person = usePerson(id);
  const title = person.data
    ? t('personForm.editTitle', { name: person.data.name })
    : t('personForm.editTitleLoading');
  return (
    <>
      <PageTitle title={title} />
      {person.isPending ? (
        <Loading />
      ) : person.error ? (
        <>
          <ErrorSummary
            items={[{ message: isApiError(person.error) ? person.error.detail : t('errors.network') }]}
          />
          <p>
            <Link to="/persons">{t('personDetail.back')}</Link>
          </p>
        </>
      ) : (
        // A fresh form for each version: "reload" after a conflict starts from the newest data.
        <PersonEditor key={person.data.version} person={person.data} onReload={() => void person.refetch()} />
      )}
    </>
  );
}
