import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { usePageClass } from '@/lib/use-elder-mode'
import './staff-page.scss'

/** The root of every staff page: the app's page background plus the tools' larger controls. */
export function StaffPage({ children }: { children: ReactNode }) {
  return <View className={usePageClass('page page--padded-top staff-page')}>{children}</View>
}
