import { PrivacyGuide } from '@/features/people/components/privacy-guide'
import { PageFrame } from '@/components/page-frame'

/** 隐私保护指引: the township's plain-language privacy guide. */
export default function PrivacyPage() {
  return (
    <PageFrame>
      <PrivacyGuide />
    </PageFrame>
  )
}
