import type { Role } from '../../contract'
import { DEMO_VILLAGES } from './demo-content'

export interface DemoAccount {
  openid: string
  nickname: string
  role: Role
  /** Index into DEMO_VILLAGES: the village a grid worker serves or a resident lives in. */
  village?: number
}

/** The accounts the dev login offers; the seed creates and binds them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { openid: 'demo-admin', nickname: '镇宣传办 王主任', role: 'admin' },
  { openid: 'demo-grid-1', nickname: '网格员 李红梅', role: 'gridWorker', village: 0 },
  { openid: 'demo-grid-2', nickname: '网格员 赵建国', role: 'gridWorker', village: 1 },
  { openid: 'demo-resident-1', nickname: '村民 张大爷', role: 'resident', village: 0 },
  { openid: 'demo-resident-2', nickname: '村民 刘阿姨', role: 'resident', village: 0 },
  { openid: 'demo-resident-3', nickname: '村民 陈师傅', role: 'resident', village: 1 },
  { openid: 'demo-resident-4', nickname: '村民 周小芳', role: 'resident', village: 2 },
  { openid: 'demo-visitor', nickname: '游客 小林', role: 'visitor' },
]

const roleNames: Record<Role, string> = {
  admin: '镇管理员',
  gridWorker: '网格员',
  resident: '村民（已绑定户）',
  visitor: '游客（未绑定）',
}

/** One line telling a demo user what the account can do. */
export function describeDemoAccount(account: DemoAccount): string {
  const village = account.village === undefined ? undefined : DEMO_VILLAGES[account.village]?.name
  if (account.role === 'admin') return `${roleNames.admin}：管理全镇内容、评选与红黑榜`
  if (account.role === 'gridWorker')
    return `${roleNames.gridWorker}：负责${village}，可发布本村公告`
  if (account.role === 'resident') return `${village}${roleNames.resident}：可提名、投票`
  return `${roleNames.visitor}：只能浏览全镇公开内容`
}
