import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { showError } from '@/lib/api-client'
import { devLogin } from '../api/me'
import { useDevAccounts } from '../hooks/use-me'
import { roleNames } from '../labels'

/** Dev mode only: sign in as one of the demo accounts to see the app through their eyes. */
export function DevAccountSwitcher() {
  const accounts = useDevAccounts(true)
  const [busy, setBusy] = useState('')
  const reopen = () => Taro.reLaunch({ url: '/pages/me/index' })
  const switchTo = async (openid: string) => {
    setBusy(openid)
    try {
      await devLogin(openid)
      reopen()
    } catch (error) {
      showError(error)
    } finally {
      setBusy('')
    }
  }
  return (
    <CellGroup title='演示账号（仅开发模式）'>
      {(accounts.data ?? []).map((a) => (
        <Cell
          key={a.openid}
          title={`${a.label}（${roleNames[a.role]}）`}
          description={a.description}
          extra={
            a.current ? (
              '当前'
            ) : (
              <Button
                size='small'
                loading={busy === a.openid}
                onClick={() => void switchTo(a.openid)}
              >
                切换
              </Button>
            )
          }
        />
      ))}
    </CellGroup>
  )
}
