import { PageState } from '@/components/page-state'
import { getWords } from '@/features/staff/api/content'
import { StaffPage } from '@/features/staff/components/staff-page'
import { WordListForm } from '@/features/staff/components/word-list-form'
import { usePageEvents } from '@/lib/use-page-events'
import { useRemote } from '@/lib/use-remote'

/** 敏感词 (admins): the word list of the local content check. */
export default function WordsPage() {
  const words = useRemote('staff:words', getWords)
  usePageEvents(words.reload)
  return (
    <StaffPage>
      <PageState
        loading={words.loading}
        error={words.error}
        empty={!words.data}
        emptyText=''
        onRetry={() => void words.reload()}
      >
        {words.data && (
          <WordListForm
            key={words.data.words.join('\n')}
            initial={words.data.words}
            onSaved={() => void words.reload()}
          />
        )}
      </PageState>
    </StaffPage>
  )
}
