import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useTask } from '@/lib/use-task'
import { signOut } from '../api/me'

/**
 * 退出登录 on the local server (H5): the server ends the session, so the token stops working
 * even if it was copied; in WeChat the identity is WeChat's own and there is nothing to end.
 */
export function SignOut() {
  const task = useTask()
  const leave = async () => {
    if (await task.run('sign-out', signOut)) void Taro.reLaunch({ url: '/pages/me/index' })
  }
  return (
    <CellGroup>
      <Cell
        title={task.busy === 'sign-out' ? '正在退出…' : '退出登录'}
        clickable
        onClick={() => void leave()}
      />
    </CellGroup>
  )
}
