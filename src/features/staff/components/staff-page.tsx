import type { ReactNode } from 'react'
import { PageFrame } from '@/components/page-frame'
import './staff-page.scss'

/** The root of every staff page: the app's page background plus the tools' larger controls. */
export function StaffPage({ children }: { children: ReactNode }) {
  return <PageFrame className='page page--padded-top staff-page'>{children}</PageFrame>
}
