import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { PageState } from '@/components/page-state'
import { openDoor } from '@/features/doorplate/api'
import { DoorCard } from '@/features/doorplate/components/door-card'
import { PlateBind } from '@/features/doorplate/components/plate-bind'
import { codeFromQuery, landingUrl } from '@/features/doorplate/routes'
import { ApiError } from '@/lib/api-client'
import { usePageClass } from '@/lib/use-elder-mode'
import { useRemote } from '@/lib/use-remote'

/**
 * 户码 (?code=… in H5, ?scene=… from a 小程序码): opens the household on the door. Its own
 * residents go on to 我的家庭, its grid worker to the inspection form, admins to the household;
 * visitors see the public card and can ask to bind, anyone else only the public card.
 */
export default function DoorPage() {
  const code = codeFromQuery(useRouter().params)
  const door = useRemote(`door:${code}`, () =>
    code ? openDoor(code) : Promise.reject(new ApiError('NOT_FOUND', '没有读到户码，请重新扫码')),
  )
  const next = door.data ? landingUrl(door.data) : null
  useEffect(() => {
    if (next) void Taro.redirectTo({ url: next })
  }, [next])
  return (
    <View className={usePageClass('page page--padded-top')}>
      <PageState
        loading={door.loading || next !== null}
        error={door.error}
        empty={!door.data || next !== null}
        emptyText='正在打开…'
        onRetry={() => void door.reload()}
      >
        {door.data && <DoorCard door={door.data} />}
        {door.data?.landing === 'bind' && <PlateBind code={code} />}
      </PageState>
    </View>
  )
}
